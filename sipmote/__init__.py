"""sipmote – run a SIP meeting (samordnad individuell plan) in the terminal."""

__version__ = "0.1.0"
