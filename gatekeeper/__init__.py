"""gatekeeper: health screening and staff registration at factory gates."""

__version__ = "0.1.0"
