"""Where a scatter's labels go: beside their points, clear of the other points, the corner notes and each other
where there is room, a little farther off (the painter draws a leader line) in a crowd. Rectangles are (left, top,
right, bottom) in layout pixels; no Qt here, so a placement is computed once per picture size and reused while the
window repaints (hover). A district of 2,000 points stays cheap: the points and notes are sorted once into squares
of BUCKET px, and a place is measured against those in the squares it touches.

    place_labels(((120.0, 80.0),), ((64.0, 15.5),), (0.0, 0.0, 600.0, 350.0), (), 6.5) → ((134.5, 72.25, …),)
"""

import math
from functools import lru_cache

Rect = tuple[float, float, float, float]
PASSES = 2  # after the first placement, each label placed again beside all the others
RINGS = 3  # beside the point, one line off, two lines off
OUTSIDE_COST = 1000  # a label sticking out of the plot: only when every other place is worse still
TEXT_COST = 4  # covering another label or a note is this many times as bad as covering a point (whitened below)
RING_COST = 0.1  # a ring farther off costs as much as covering this share of the label's own box
BUCKET = 32.0  # px: the side of the squares the points and notes are sorted into


def overlap(one: Rect, other: Rect) -> float:
    width = min(one[2], other[2]) - max(one[0], other[0])
    height = min(one[3], other[3]) - max(one[1], other[1])
    return width * height if width > 0 and height > 0 else 0.0


class Obstacles:
    """The points and notes sorted into BUCKET px squares of the plane, so that what a place covers of them is summed
    over the few in the squares it touches, not over all of them."""

    def __init__(self, rects: tuple[Rect, ...]):
        self.buckets: dict[tuple[int, int], list[Rect]] = {}
        for rect in rects:
            for key in self._keys(rect):
                self.buckets.setdefault(key, []).append(rect)

    @staticmethod
    def _keys(rect: Rect) -> list[tuple[int, int]]:
        columns = range(math.floor(rect[0] / BUCKET), math.floor(rect[2] / BUCKET) + 1)
        return [(column, row) for row in range(math.floor(rect[1] / BUCKET), math.floor(rect[3] / BUCKET) + 1)
                for column in columns]

    def covered(self, rect: Rect) -> float:
        """The area (px²) of the points and notes within `rect`."""
        near = {other for key in self._keys(rect) for other in self.buckets.get(key, ())}
        return sum(overlap(rect, other) for other in near)


def candidates(x: float, y: float, width: float, height: float, radius: float) -> list[tuple[int, Rect]]:
    """(ring, rectangle): right of the point, left, above, below, then the four corners, ring by ring."""
    places = []
    for ring in range(RINGS):
        near = radius + 2 + ring * (height + 2)
        for left, top in ((x + near, y - height / 2), (x - near - width, y - height / 2),
                          (x - width / 2, y - near - height), (x - width / 2, y + near),
                          (x + near / 2, y - near / 2 - height), (x + near / 2, y + near / 2),
                          (x - near / 2 - width, y - near / 2 - height), (x - near / 2 - width, y + near / 2)):
            places.append((ring, (left, top, left + width, top + height)))
    return places


def _best(places: list[tuple[int, Rect]], area: Rect, dots: Obstacles, texts: list[Rect]) -> Rect:
    """The place covering least (outside the plot worst, then other text, then points, then distance), moved
    inside the plot if it still sticks out; the first uncovered place beside the point is taken at once."""
    best, best_cost = places[0][1], float("inf")
    for ring, rect in places:
        box = (rect[2] - rect[0]) * (rect[3] - rect[1])
        cost = (OUTSIDE_COST * (box - overlap(rect, area)) + dots.covered(rect)
                + TEXT_COST * sum(overlap(rect, other) for other in texts) + ring * RING_COST * box)
        if cost < best_cost:
            best, best_cost = rect, cost
            if cost == 0:
                break
    return _within(best, area)


def _within(rect: Rect, area: Rect) -> Rect:
    """`rect` moved inside `area` where it sticks out (a point at the plot's edge in a crowd)."""
    dx = max(area[0] - rect[0], 0.0) or min(area[2] - rect[2], 0.0)
    dy = max(area[1] - rect[1], 0.0) or min(area[3] - rect[3], 0.0)
    return rect[0] + dx, rect[1] + dy, rect[2] + dx, rect[3] + dy


@lru_cache(maxsize=16)
def place_labels(points: tuple[tuple[float, float], ...], sizes: tuple[tuple[float, float], ...], area: Rect,
                 dots: tuple[Rect, ...], notes: tuple[Rect, ...], radius: float) -> tuple[Rect, ...]:
    """A rectangle for each label of size `sizes[i]` near point `points[i]`, inside `area` where it fits, clear of
    the `dots` (the points) and the `notes` and of each other where there is room."""
    options = [candidates(x, y, width, height, radius) for (x, y), (width, height) in zip(points, sizes)]
    points_near = Obstacles(dots)
    places: list[Rect] = []
    for option in options:
        places.append(_best(option, area, points_near, list(notes) + places))
    for _ in range(PASSES):
        for index, option in enumerate(options):
            places[index] = _best(option, area, points_near, list(notes) + places[:index] + places[index + 1:])
    return tuple(places)
