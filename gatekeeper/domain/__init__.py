"""Pure-Python domain: entities, enums, rules and formats. No Qt, no SQLAlchemy."""
