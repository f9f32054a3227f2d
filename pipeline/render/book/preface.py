"""The plan book's คำนำ when the ตั้งค่า sheet leaves it empty: the text lives in
pipeline.text.preface, where the importer can recognise it too."""

from pipeline.text.preface import default_preface

__all__ = ["default_preface"]
