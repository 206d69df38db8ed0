"""PA Letter Studio: prior-authorization and appeal letters for off-label oncology drugs."""

__version__ = "0.1.0"
