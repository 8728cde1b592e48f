//! Splits every line of a CSV file with the shared fast path (`ossbatch_core::csv_line`) and prints
//! the number of lines and fields: the benchmark beside `mawk -F, '{n+=NF} END {print NR, n}'`
//! (docs/benchmarks.md, issue #30). Usage: `split_csv FILE`.

use std::io::Read;

fn main() {
    let path = std::env::args().nth(1).expect("usage: split_csv FILE");
    let mut file = std::fs::File::open(&path).expect("readable file");
    let mut buffer = vec![0u8; 1 << 20];
    let mut carry: Vec<u8> = Vec::new();
    let (mut lines, mut fields, mut refused) = (0u64, 0u64, 0u64);
    let mut count = |line: &[u8]| {
        lines += 1;
        for field in ossbatch_core::csv_line::split(line) {
            match field {
                Ok(_) => fields += 1,
                Err(_) => {
                    refused += 1;
                    break;
                }
            }
        }
    };
    loop {
        let read = file.read(&mut buffer).expect("read");
        if read == 0 {
            break;
        }
        let mut chunk = &buffer[..read];
        if !carry.is_empty() {
            let Some(end) = memchr::memchr(b'\n', chunk) else {
                carry.extend_from_slice(chunk);
                continue;
            };
            carry.extend_from_slice(&chunk[..end]);
            count(&carry);
            carry.clear();
            chunk = &chunk[end + 1..];
        }
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', chunk) {
            count(&chunk[start..end]);
            start = end + 1;
        }
        carry.extend_from_slice(&chunk[start..]);
    }
    if !carry.is_empty() {
        count(&carry);
    }
    println!("{lines} {fields} ({refused} lines not RFC 4180 within themselves)");
}
