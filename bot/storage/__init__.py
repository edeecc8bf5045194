"""Storage shared by the case data and the young person's drafts: engines, deadlines, migrations."""
