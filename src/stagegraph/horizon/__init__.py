"""The spoiler horizon: the episode that reveals each triple, and the graph as of an episode.

One rule, decided per triple (``reveal``), used by everything that shows the universe to a
reader who has watched up to an episode: the site's trees, ``graph --as-of`` and its slider,
``show``, ``analyze`` and ``stats``. ``cut`` makes the graph of one episode's tree from it,
withholding the sources that discuss later episodes.
"""

from .cut import Cut, withheld_token
from .reveal import ALWAYS, UNKNOWN, Horizon

__all__ = ["ALWAYS", "UNKNOWN", "Cut", "Horizon", "withheld_token"]
