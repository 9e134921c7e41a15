"""BTXH Desktop: offline-first data entry for Vietnamese social assistance."""

__version__ = "0.1.0"
