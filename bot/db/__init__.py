"""Storage: typed SQLAlchemy models, engines for SQLite and PostgreSQL, migrations."""
