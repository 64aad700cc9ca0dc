#!/usr/bin/env python3
"""OpenCV on the image-check benchmark's bundle: decode, Laplacian variance and
Hasler-Suesstrunk colourfulness of the same six photos, for comparison with
`cargo bench --bench image_checks` (run that first: it writes the bundle).
Needs `pip install opencv-python-headless`."""

import pathlib
import time

import cv2
import numpy as np

BUNDLE = pathlib.Path(__file__).resolve().parent.parent / "target/image-bench-bundle/BENCH-1"
FILES = ["front.jpg", "back.jpg", "selfie.jpg",
         "liveness_left.jpg", "liveness_center.jpg", "liveness_right.jpg"]


def measures(img):
    grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    lap = cv2.Laplacian(grey, cv2.CV_64F).var()
    b, g, r = cv2.split(img.astype(np.float32))
    rg, yb = r - g, 0.5 * (r + g) - b
    colourful = np.sqrt(rg.var() + yb.var()) + 0.3 * np.sqrt(rg.mean() ** 2 + yb.mean() ** 2)
    return lap, colourful


def best_of(f, runs=20):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times), sorted(times)[len(times) // 2]


def main():
    data = [(BUNDLE / f).read_bytes() for f in FILES]
    decoded = [cv2.imdecode(np.frombuffer(d, np.uint8), cv2.IMREAD_COLOR) for d in data]
    cv2.setNumThreads(2)
    decode = best_of(lambda: [cv2.imdecode(np.frombuffer(d, np.uint8), cv2.IMREAD_COLOR) for d in data])
    measure = best_of(lambda: [measures(i) for i in decoded])
    both = best_of(lambda: [measures(cv2.imdecode(np.frombuffer(d, np.uint8), cv2.IMREAD_COLOR)) for d in data])
    print(f"OpenCV {cv2.__version__}, six photos of {decoded[0].shape[1]}x{decoded[0].shape[0]}:")
    print(f"  decode only                      best {decode[0]*1e3:7.1f} ms, median {decode[1]*1e3:7.1f} ms")
    print(f"  Laplacian variance + colourfulness best {measure[0]*1e3:7.1f} ms, median {measure[1]*1e3:7.1f} ms")
    print(f"  decode and both measures         best {both[0]*1e3:7.1f} ms, median {both[1]*1e3:7.1f} ms")


if __name__ == "__main__":
    main()
