"""Near-duplicate detection for syndicated wire copy: MinHash over word shingles, banded for lookup.

A report's signature is, for each of NUM_HASHES multiply-shift hash functions h(x) = (a*x + b) >> 32,
the minimum over its word shingles; the share of equal positions in two signatures estimates the
Jaccard similarity of their shingle sets. Signatures are cut into BANDS bands; two reports that agree
on a whole band are candidates, confirmed by the estimate (locality-sensitive hashing)."""
from __future__ import annotations

import hashlib
import re
import struct
import zlib

import numpy as np

NUM_HASHES = 64
BANDS = 16
ROWS = NUM_HASHES // BANDS
SHINGLE_WORDS = 5
COPY_THRESHOLD = 0.7  # estimated Jaccard at or above which a report is a copy of another

_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd: a bijective mix of each word hash
_WORD = re.compile(r"\w+")


def _coefficients() -> tuple[np.ndarray, np.ndarray]:
    """Fixed (a, b) pairs, derived from SHA-256 so signatures are the same in every run and process."""
    digest = b"".join(hashlib.sha256(f"dateline-minhash-{i}".encode()).digest() for i in range(NUM_HASHES))
    values = np.frombuffer(digest, dtype=">u8").astype(np.uint64).reshape(NUM_HASHES, 4)
    return values[:, 0] | np.uint64(1), values[:, 1]


_A, _B = _coefficients()


def shingles(text: str) -> np.ndarray:
    """32-bit hashes of the text's overlapping SHINGLE_WORDS-word sequences (lower-cased words), unique:
    each word is hashed once (CRC-32), each shingle is a polynomial of its words' hashes (mod 2**64)."""
    words = _WORD.findall(text.lower()) or [""]
    hashes = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    if len(hashes) < SHINGLE_WORDS:
        hashes = np.concatenate([hashes, np.zeros(SHINGLE_WORDS - len(hashes), dtype=np.uint64)])
    count = len(hashes) - SHINGLE_WORDS + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):
        combined = combined * _MULTIPLIER + hashes[offset:offset + count]
    return np.unique(combined >> np.uint64(32))


def signature(text: str) -> np.ndarray:
    """The MinHash signature (NUM_HASHES unsigned 32-bit values) of a text."""
    values = shingles(text)
    # multiply-shift hashing: (a*x + b) mod 2**64 (numpy wraps), top 32 bits
    hashed = (np.outer(_A, values) + _B[:, None]) >> np.uint64(32)
    return hashed.min(axis=1).astype(np.uint32)


def to_bytes(sig: np.ndarray) -> bytes:
    return struct.pack(f"<{NUM_HASHES}I", *sig.tolist())


def from_bytes(data: bytes) -> np.ndarray:
    return np.array(struct.unpack(f"<{NUM_HASHES}I", data), dtype=np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One 63-bit key per band (band number mixed in), for exact-match candidate lookup."""
    keys = []
    for band in range(BANDS):
        chunk = struct.pack(f"<H{ROWS}I", band, *sig[band * ROWS:(band + 1) * ROWS].tolist())
        keys.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little") >> 1)
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.mean(a == b))
