"""gesprekscoach: oefen reflectieve loopbaangesprekken met gesimuleerde mbo-studenten."""

__version__ = "0.1.0"
