"""The plan's life after its first ประกาศ: a new organisation's first master and the next plan
(init.py), amendments recorded in the master (amend.py) and what each one changes (changes.py)."""
