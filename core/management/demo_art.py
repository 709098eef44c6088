"""The demo site's pictures, drawn with Pillow when it is seeded (nothing is downloaded): covers
as flat editorial illustrations (a sky, a sun, layered hills, a few drawn details and a little
paper grain) and author portraits as simple flat busts, all in one palette with the article's
or author's own colours.  The same name or seed always draws the same picture."""

import io
import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

CREAM = (246, 241, 231)
INK = (31, 45, 61)
PALETTE = [(11, 110, 105), (233, 216, 166), (216, 115, 91), (143, 185, 168), (224, 164, 58)]
SKIN = [(241, 200, 170), (214, 160, 120), (170, 112, 80), (120, 78, 55), (232, 184, 150)]
HAIR = [(40, 32, 30), (92, 58, 36), (150, 110, 60), (70, 70, 78), (20, 20, 24)]


def rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def mix(a, b, share):
    """``share`` of colour b into colour a."""
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))


def grain(image, amount=10, seed=0):
    """A little paper texture, so that flat colour reads as print rather than a placeholder
    (seeded noise: the same picture every time)."""
    width, height = image.size
    noise = Image.frombytes("L", image.size, random.Random(seed).randbytes(width * height))
    noise = Image.merge("RGB", [noise] * 3)
    return Image.blend(image, ImageChops.overlay(image, noise), amount / 100)


def draw_cover(start, end, *, seed=0, width=1200, height=675):
    """A landscape at dawn in the article's two colours: ``start`` for the hills, ``end`` for
    the sun and the light; JPEG bytes."""
    rng = random.Random(seed)
    hills, light = rgb(start), rgb(end)
    accent = PALETTE[seed % len(PALETTE)]
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image, "RGBA")
    top, bottom = mix(light, hills, 0.3), mix(light, CREAM, 0.6)
    for y in range(height):  # the sky: lighter towards the horizon
        draw.line([(0, y), (width, y)], fill=mix(top, bottom, y / height))
    sun_x, sun_y = width * rng.uniform(0.2, 0.8), height * rng.uniform(0.22, 0.42)
    for ring, alpha in ((1.9, 40), (1.45, 70), (1.0, 255)):
        r = height * 0.16 * ring
        sun = mix(light, (255, 250, 238), 0.7)
        draw.ellipse((sun_x - r, sun_y - r, sun_x + r, sun_y + r), fill=(*sun, alpha))
    for _stroke in range(3):  # birds or clouds: a few strokes in ink
        x, y = width * rng.uniform(0.1, 0.9), height * rng.uniform(0.1, 0.3)
        span = rng.uniform(18, 30)
        draw.arc((x - span, y - span / 2, x, y + span / 2), 200, 340, fill=(*INK, 150), width=4)
        draw.arc((x, y - span / 2, x + span, y + span / 2), 200, 340, fill=(*INK, 150), width=4)
    layers = 4
    for layer in range(layers):  # hills, from the far ones (pale) to the near ones (deep)
        share = layer / (layers - 1)
        colour = mix(mix(hills, CREAM, 0.55), mix(hills, INK, 0.35), share)
        base = height * (0.5 + 0.13 * layer)
        phase, wave = rng.uniform(0, math.tau), rng.uniform(1.2, 2.4)
        points = [
            (x, base - height * 0.07 * math.sin(x / width * math.tau / wave + phase))
            for x in range(0, width + 20, 20)
        ]
        draw.polygon([(0, height), *points, (width, height)], fill=colour)
        if layer == 2:  # a river of the accent colour along the near valley
            river = [(x, y + height * 0.035) for x, y in points]
            draw.line(river, fill=(*mix(accent, CREAM, 0.3), 210), width=8, joint="curve")
    for _tree in range(rng.randint(3, 6)):  # a few trees on the nearest hill
        x = width * rng.uniform(0.05, 0.95)
        y = height * rng.uniform(0.86, 0.93)
        size = height * rng.uniform(0.06, 0.1)
        draw.line([(x, y), (x, y - size)], fill=(*INK, 220), width=5)
        draw.ellipse(
            (x - size / 2.6, y - size * 1.5, x + size / 2.6, y - size * 0.6),
            fill=(*mix(hills, INK, 0.55), 255),
        )
    image = grain(image.filter(ImageFilter.SMOOTH), seed=seed)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def draw_avatar(name, colour, size=384):
    """A flat portrait bust on the author's colour (no photograph, no initials); PNG bytes."""
    rng = random.Random(name)
    background = rgb(colour)
    skin, hair = rng.choice(SKIN), rng.choice(HAIR)
    shirt = mix(rng.choice(PALETTE), INK, 0.15)
    image = Image.new("RGB", (size, size), mix(background, CREAM, 0.25))
    draw = ImageDraw.Draw(image, "RGBA")
    r = size * 0.42
    draw.ellipse((size / 2 - r, size * 0.5 - r, size / 2 + r, size * 0.5 + r), fill=background)
    cx = size / 2
    draw.ellipse((cx - size * 0.36, size * 0.72, cx + size * 0.36, size * 1.3), fill=shirt)
    draw.rectangle(
        (cx - size * 0.06, size * 0.56, cx + size * 0.06, size * 0.76), fill=mix(skin, INK, 0.12)
    )
    head = (cx - size * 0.15, size * 0.26, cx + size * 0.15, size * 0.64)
    long_hair = rng.random() < 0.5
    if long_hair:
        draw.rounded_rectangle(
            (cx - size * 0.19, size * 0.22, cx + size * 0.19, size * 0.7),
            radius=size * 0.14,
            fill=hair,
        )
    draw.ellipse(head, fill=skin)
    draw.chord((cx - size * 0.17, size * 0.2, cx + size * 0.17, size * 0.5), 180, 360, fill=hair)
    if rng.random() < 0.4:  # glasses
        for side in (-1, 1):
            gx = cx + side * size * 0.065
            draw.ellipse(
                (gx - size * 0.045, size * 0.43, gx + size * 0.045, size * 0.49),
                outline=INK,
                width=max(2, size // 90),
            )
    image = grain(image, amount=6, seed=len(name))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
