"""dateline: news articles in, a validated data package of events, actors, locations and quotes out."""

__version__ = "0.1.0"
