"""Reference outputs of SplitMix64 and xoshiro256** (transcribed from the published C code by
Blackman & Vigna), used by SeededRandomTests.swift. Run: python3 make_random_fixtures.py"""
MASK = (1 << 64) - 1


def splitmix64(state):
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def xoshiro256starstar(seed):
    sm = splitmix64(seed)
    s = [next(sm) for _ in range(4)]
    while True:
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t
        s[3] = rotl(s[3], 45)
        yield result


if __name__ == "__main__":
    sm = splitmix64(0)
    print("splitmix64(0):", [hex(next(sm)) for _ in range(3)])
    x = xoshiro256starstar(42)
    print("xoshiro256**(42):", [hex(next(x)) for _ in range(4)])
