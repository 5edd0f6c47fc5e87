"""The answers people read: lineage, tasks, coverage of a directive, validation, export."""
