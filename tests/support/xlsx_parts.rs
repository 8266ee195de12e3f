//! Reads one part of an .xlsx file (a zip archive), such as `xl/worksheets/sheet1.xml`, for the
//! tests that check what calamine does not expose: data validations and sheet protection.
//! Only what rust_xlsxwriter writes is handled: stored or deflated entries, no zip64.

/// The bytes of the entry named `name`, or `None` when the archive has no such entry.
pub fn part(archive: &[u8], name: &str) -> Option<Vec<u8>> {
    let u16_at = |at: usize| usize::from(u16::from_le_bytes([archive[at], archive[at + 1]]));
    let u32_at = |at: usize| {
        u32::from_le_bytes([
            archive[at],
            archive[at + 1],
            archive[at + 2],
            archive[at + 3],
        ]) as usize
    };
    let end = (0..=archive.len() - 22)
        .rev()
        .find(|&at| archive[at..at + 4] == [0x50, 0x4b, 0x05, 0x06])
        .expect("an end of central directory record");
    let entries = u16_at(end + 10);
    let mut at = u32_at(end + 16);
    for _ in 0..entries {
        assert_eq!(
            archive[at..at + 4],
            [0x50, 0x4b, 0x01, 0x02],
            "a central directory entry"
        );
        let method = u16_at(at + 10);
        let compressed = u32_at(at + 20);
        let name_len = u16_at(at + 28);
        let extra_len = u16_at(at + 30);
        let comment_len = u16_at(at + 32);
        let local = u32_at(at + 42);
        let entry_name = &archive[at + 46..at + 46 + name_len];
        if entry_name == name.as_bytes() {
            let data = local + 30 + u16_at(local + 26) + u16_at(local + 28);
            let bytes = &archive[data..data + compressed];
            return Some(match method {
                0 => bytes.to_vec(),
                8 => inflate(bytes),
                other => panic!("unexpected compression method {other}"),
            });
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    None
}

/// A part as text.
pub fn part_text(archive: &[u8], name: &str) -> String {
    String::from_utf8(part(archive, name).unwrap_or_else(|| panic!("no part {name}")))
        .expect("UTF-8 XML")
}

struct Bits<'a> {
    data: &'a [u8],
    at: usize,
    buffer: u32,
    count: u32,
}

impl Bits<'_> {
    fn take(&mut self, n: u32) -> u32 {
        while self.count < n {
            self.buffer |= u32::from(self.data[self.at]) << self.count;
            self.at += 1;
            self.count += 8;
        }
        let value = self.buffer & ((1u32 << n) - 1);
        self.buffer = if n == 32 { 0 } else { self.buffer >> n };
        self.count -= n;
        value
    }

    fn align(&mut self) {
        self.buffer = 0;
        self.count = 0;
    }
}

/// A canonical Huffman code: how many codes of each length, then the symbols in code order.
struct Huffman {
    counts: [u16; 16],
    symbols: Vec<u16>,
}

impl Huffman {
    fn new(lengths: &[u8]) -> Huffman {
        let mut counts = [0u16; 16];
        for &l in lengths {
            counts[usize::from(l)] += 1;
        }
        counts[0] = 0;
        let mut offsets = [0u16; 16];
        for len in 1..15 {
            offsets[len + 1] = offsets[len] + counts[len];
        }
        let mut symbols = vec![0u16; lengths.len()];
        for (symbol, &l) in lengths.iter().enumerate() {
            if l != 0 {
                symbols[usize::from(offsets[usize::from(l)])] = symbol as u16;
                offsets[usize::from(l)] += 1;
            }
        }
        Huffman { counts, symbols }
    }

    fn decode(&self, bits: &mut Bits) -> u16 {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= bits.take(1) as i32;
            let count = i32::from(self.counts[len]);
            if code - first < count {
                return self.symbols[(index + code - first) as usize];
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        panic!("an invalid Huffman code");
    }
}

const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u32; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u32; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

/// Raw deflate (RFC 1951).
fn inflate(data: &[u8]) -> Vec<u8> {
    let mut bits = Bits {
        data,
        at: 0,
        buffer: 0,
        count: 0,
    };
    let mut out = Vec::new();
    loop {
        let last = bits.take(1) == 1;
        match bits.take(2) {
            0 => {
                bits.align();
                let len = usize::from(u16::from_le_bytes([data[bits.at], data[bits.at + 1]]));
                bits.at += 4;
                out.extend_from_slice(&data[bits.at..bits.at + len]);
                bits.at += len;
            }
            1 => {
                let mut lengths = [0u8; 288];
                lengths[..144].fill(8);
                lengths[144..256].fill(9);
                lengths[256..280].fill(7);
                lengths[280..].fill(8);
                let literals = Huffman::new(&lengths);
                let distances = Huffman::new(&[5u8; 30]);
                codes(&mut bits, &mut out, &literals, &distances);
            }
            2 => {
                let (literals, distances) = dynamic_tables(&mut bits);
                codes(&mut bits, &mut out, &literals, &distances);
            }
            _ => panic!("an invalid deflate block type"),
        }
        if last {
            return out;
        }
    }
}

fn dynamic_tables(bits: &mut Bits) -> (Huffman, Huffman) {
    const ORDER: [usize; 19] = [
        16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
    ];
    let literal_count = bits.take(5) as usize + 257;
    let distance_count = bits.take(5) as usize + 1;
    let code_count = bits.take(4) as usize + 4;
    let mut code_lengths = [0u8; 19];
    for &i in &ORDER[..code_count] {
        code_lengths[i] = bits.take(3) as u8;
    }
    let lengths_code = Huffman::new(&code_lengths);
    let mut lengths = Vec::with_capacity(literal_count + distance_count);
    while lengths.len() < literal_count + distance_count {
        let symbol = lengths_code.decode(bits);
        match symbol {
            0..=15 => lengths.push(symbol as u8),
            16 => {
                let previous = *lengths.last().expect("a length to repeat");
                let n = 3 + bits.take(2);
                lengths.extend(std::iter::repeat_n(previous, n as usize));
            }
            17 => {
                let n = 3 + bits.take(3);
                lengths.extend(std::iter::repeat_n(0, n as usize));
            }
            _ => {
                let n = 11 + bits.take(7);
                lengths.extend(std::iter::repeat_n(0, n as usize));
            }
        }
    }
    (
        Huffman::new(&lengths[..literal_count]),
        Huffman::new(&lengths[literal_count..]),
    )
}

fn codes(bits: &mut Bits, out: &mut Vec<u8>, literals: &Huffman, distances: &Huffman) {
    loop {
        let symbol = usize::from(literals.decode(bits));
        match symbol {
            0..=255 => out.push(symbol as u8),
            256 => return,
            _ => {
                let i = symbol - 257;
                let len = usize::from(LENGTH_BASE[i]) + bits.take(LENGTH_EXTRA[i]) as usize;
                let d = usize::from(distances.decode(bits));
                let dist = usize::from(DIST_BASE[d]) + bits.take(DIST_EXTRA[d]) as usize;
                let start = out.len() - dist;
                for k in 0..len {
                    out.push(out[start + k]);
                }
            }
        }
    }
}
