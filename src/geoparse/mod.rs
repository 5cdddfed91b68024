//! Toponym recognition and resolution.
