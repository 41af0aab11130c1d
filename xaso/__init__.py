"""xaso — Xã Số, the digital commune platform."""

__version__ = "0.1.0"
