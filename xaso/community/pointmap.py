"""The small map of a commune's public points, drawn as inline SVG without external tiles.

With a picture the commune uploaded (PointMap), the points sit on it at their x/y percent and a
point without a position is only listed. Without one, the villages are drawn as a schematic
grid of labelled boxes (xaso keeps no village geometry): a point with a position sits there, the
others inside their village's box (or a box for the whole commune). Markers carry the number of
the point in the list under the map, which is the accessible version of the map."""

import math
from dataclasses import dataclass, field

WIDTH = 300
CELL_HEIGHT = 72
MARKER_GAP = 22


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int
    label: str

    @property
    def label_x(self) -> int:
        return self.x + self.w // 2

    @property
    def label_y(self) -> int:
        return self.y + 18


@dataclass(frozen=True)
class Marker:
    number: int
    kind: str
    x: float
    y: float
    name: str

    # Coordinates as SVG wants them ("12.5"), whatever the page's locale would print.
    @property
    def cx(self) -> str:
        return f"{self.x:g}"

    @property
    def cy(self) -> str:
        return f"{self.y:g}"

    @property
    def corner_x(self) -> str:
        return f"{self.x - 8:g}"

    @property
    def corner_y(self) -> str:
        return f"{self.y - 8:g}"


@dataclass
class PointMapDrawing:
    width: int
    height: int
    image_url: str = ""
    boxes: list[Box] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    unplaced: int = 0


def _short(text: str, width: int) -> str:
    room = max(4, (width - 12) // 7)
    return text if len(text) <= room else text[: room - 1] + "…"


def drawing_for(
    points: list, villages: list, *, commune_name: str, image_url: str = "", size=None
) -> PointMapDrawing:
    """The map for `points` (numbered 1.. in their order): over the picture at `image_url` of
    `size` (width, height in pixels) when given, else over the schematic of `villages`."""
    if image_url and size and size[0] and size[1]:
        height = max(60, round(WIDTH * size[1] / size[0]))
        drawing = PointMapDrawing(WIDTH, height, image_url=image_url)
        for number, point in enumerate(points, 1):
            if point.x_percent is None or point.y_percent is None:
                drawing.unplaced += 1
                continue
            drawing.markers.append(
                Marker(
                    number,
                    point.kind,
                    point.x_percent * WIDTH / 100,
                    point.y_percent * height / 100,
                    point.name,
                )
            )
        return drawing
    cells = list(villages)
    homeless = [p for p in points if p.village_id is None and p.x_percent is None]
    if homeless or not cells:
        cells.append(None)  # the whole commune
    columns = 1 if len(cells) == 1 else 2 if len(cells) <= 4 else 3
    rows = math.ceil(len(cells) / columns)
    cell_w = WIDTH // columns
    drawing = PointMapDrawing(WIDTH, rows * CELL_HEIGHT)
    where: dict[int | None, Box] = {}
    for i, village in enumerate(cells):
        row, col = divmod(i, columns)
        name = village.name if village is not None else commune_name
        box = Box(col * cell_w + 3, row * CELL_HEIGHT + 3, cell_w - 6, CELL_HEIGHT - 6, _short(name, cell_w))
        drawing.boxes.append(box)
        where[village.pk if village is not None else None] = box
    filled: dict[int | None, int] = {}
    per_row = max(1, (cell_w - 20) // MARKER_GAP)
    for number, point in enumerate(points, 1):
        if point.x_percent is not None and point.y_percent is not None:
            x, y = point.x_percent * WIDTH / 100, point.y_percent * drawing.height / 100
        else:
            key = point.village_id if point.village_id in where else None
            box = where.get(key) or drawing.boxes[-1]
            slot = filled.get(key, 0)
            filled[key] = slot + 1
            line, col = divmod(slot, per_row)
            x = box.x + 16 + col * MARKER_GAP
            y = min(box.y + box.h - 10, box.y + 38 + line * 18)
        drawing.markers.append(Marker(number, point.kind, round(x, 1), round(y, 1), point.name))
    return drawing
