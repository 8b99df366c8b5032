"""dateline: news articles in; events, actors, locations and quotes out, as a data package."""

__version__ = "0.1.0"
