"""The pieces scripts/make_templates.py builds the Word templates from: the shared styles, the
package clean-up, fields, tables, and one module per template."""
