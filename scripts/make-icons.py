# Writes the PNG app icons in public/ (run from the repo root: python3 scripts/make-icons.py).
# Renders the favicon design as PNG icons without extra dependencies (zlib + struct only).
import zlib, struct, sys
def png(size, path, pad=0.0):
    s = size
    def color(x, y):
        u, v = x / s * 64, y / s * 64
        if pad:  # maskable: design shrunk into the 80% safe zone on a full-bleed background
            u = (u - 32) / (1 - 2 * pad) + 32; v = (v - 32) / (1 - 2 * pad) + 32
        bg = (0, 0x72, 0xb2)
        if not pad:
            r = 12; cx = min(max(u, r), 64 - r); cy = min(max(v, r), 64 - r)
            if (u - cx) ** 2 + (v - cy) ** 2 > r * r: return (0, 0, 0, 0)
        if 48.5 <= v <= 51.5 and 10 <= u <= 54: return (255, 255, 255, 255)
        if 14 <= u <= 26 and 30 <= v <= 50: return (0xd5, 0x5e, 0, 255)
        if 14 <= u <= 26 and 14 <= v < 30: return (0xe6, 0x9f, 0, 255)
        if 38 <= u <= 50 and 38 <= v <= 50: return (0x56, 0xb4, 0xe9, 255)
        if 38 <= u <= 50 and 28 <= v < 38: return (255, 255, 255, 255)
        return bg + (255,)
    raw = b''.join(b'\0' + b''.join(bytes(color(x + .5, y + .5)) for x in range(s)) for y in range(s))
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', s, s, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))
png(192, 'public/icon-192.png'); png(512, 'public/icon-512.png'); png(512, 'public/icon-maskable-512.png', pad=0.1); png(180, 'public/apple-touch-icon.png', pad=0.1)
