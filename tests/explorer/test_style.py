"""Node colours: legible on the white drawing and told apart under the common colour-vision deficiencies.

The simulation is Machado, Oliveira and Fernandes (2009) at full severity, applied in linear RGB; colour
difference is CIE76 in CIELAB. Classes of one family share a colour and differ in shape, so two classes
must differ in colour wherever they share a shape.
"""

from __future__ import annotations

import itertools
import math

import pytest

from kg1571.explorer.style import CLASS_FAMILY, CLASS_STYLE, FAMILY_COLOURS, class_styles

MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
VISION = ("normal", *MACHADO)
MIN_DIFFERENCE = 20.0  # CIE76; ~2.3 is a just-noticeable difference on large patches, nodes are small
BACKGROUND = "#ffffff"


def linear(colour: str) -> tuple[float, ...]:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return tuple(channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))


def luminance(colour: str) -> float:
    r, g, b = linear(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def lab(colour: str, vision: str) -> tuple[float, float, float]:
    rgb = linear(colour)
    if vision != "normal":
        rgb = tuple(min(max(sum(m * v for m, v in zip(row, rgb, strict=True)), 0.0), 1.0) for row in MACHADO[vision])
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@pytest.mark.parametrize("cls", sorted(CLASS_STYLE))
def test_every_class_colour_has_3_to_1_contrast_on_the_drawing(cls):
    colour, _shape = CLASS_STYLE[cls]
    assert contrast(colour, BACKGROUND) >= 3.0, (cls, colour, contrast(colour, BACKGROUND))


@pytest.mark.parametrize("vision", VISION)
def test_classes_that_share_a_shape_differ_in_colour_under_each_vision(vision):
    close = []
    for (a, (ca, sa)), (b, (cb, sb)) in itertools.combinations(sorted(CLASS_STYLE.items()), 2):
        if sa == sb:
            assert ca != cb, f"{a} and {b} share colour and shape"
            difference = math.dist(lab(ca, vision), lab(cb, vision))
            if difference < MIN_DIFFERENCE:
                close.append((a, b, round(difference, 1)))
    assert close == []


def test_few_hues_one_per_family():
    assert len(set(FAMILY_COLOURS.values())) == len(FAMILY_COLOURS) <= 7
    assert {colour for colour, _ in CLASS_STYLE.values()} == set(FAMILY_COLOURS.values())
    assert set(CLASS_FAMILY) == set(CLASS_STYLE)


def test_the_simulation_can_fail():
    """Red and green of equal lightness are the classic deuteranopia confusion: the check must see it."""
    assert math.dist(lab("#c23b00", "normal"), lab("#9a6a00", "normal")) > MIN_DIFFERENCE
    assert math.dist(lab("#c23b00", "deuteranopia"), lab("#9a6a00", "deuteranopia")) < 5


def test_every_used_class_is_styled(project):
    assert set(class_styles(project)) <= set(CLASS_STYLE)
