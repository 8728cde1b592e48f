//! One file of a completion report as it streams: csv-core's state and record buffers, and the
//! line fast path that reads most rows without csv-core.

/// One file of the report as it streams.
pub(super) struct File {
    pub(super) name: String,
    /// The first bytes, until gzip or not is told.
    pub(super) head: Vec<u8>,
    pub(super) gzip: Option<flate2::write::MultiGzDecoder<Vec<u8>>>,
    pub(super) told: bool,
    /// The first bytes of the CSV text, until a BOM or a JSON document is told.
    pub(super) start: Vec<u8>,
    pub(super) started: bool,
    pub(super) skip: bool,
    pub(super) csv: csv_core::Reader,
    pub(super) record: Vec<u8>,
    pub(super) ends: Vec<usize>,
    pub(super) used: usize,
    pub(super) ended: usize,
    pub(super) quotes: usize,
    pub(super) row: u64,
    /// csv-core is between records (nothing of the next one consumed): a whole line may be read
    /// without it.
    pub(super) at_record_start: bool,
}

impl File {
    pub(super) fn new(name: &str) -> File {
        // csv-core drops a BOM before the first record it is ever given. The file's own BOM is
        // dropped before csv-core sees the text (reader.rs); primed with an empty line (which it
        // skips), csv-core keeps any later BOM as field text, as it would mid-file — whichever
        // line the fast path leaves it to read first. Without this, a BOM opening line 2 was kept
        // when csv-core read line 1 and dropped when the fast path did.
        let mut csv = csv_core::Reader::new();
        let _ = csv.read_record(b"\n", &mut [0; 1], &mut [0; 1]);
        File {
            name: name.to_string(),
            head: Vec::new(),
            gzip: None,
            told: false,
            start: Vec::new(),
            started: false,
            skip: false,
            csv,
            record: vec![0; 4096],
            ends: vec![0; 16],
            used: 0,
            ended: 0,
            quotes: 0,
            row: 0,
            at_record_start: true,
        }
    }

    /// Reads the next line as a record without csv-core when that gives the same record: at a record
    /// boundary, a whole line (up to `\n`, a `\r` before it dropped) with no other `\r`, split by the
    /// shared fast path (`crate::csv_line`, held to csv-core by its tests) when its quotes close
    /// within it. Most report rows are such lines; csv-core's byte-by-byte automaton was half the
    /// reader's time in the browser (docs/benchmarks.md). Returns the bytes consumed; the record is
    /// in the file's buffers.
    pub(super) fn fast_line(&mut self, input: &[u8]) -> Option<usize> {
        if !self.at_record_start {
            return None;
        }
        let end = memchr::memchr(b'\n', input)?;
        let line = input[..end].strip_suffix(b"\r").unwrap_or(&input[..end]);
        // An empty line is csv-core's to skip; lone CRs are csv-core's to read.
        if line.is_empty() || memchr::memchr(b'\r', line).is_some() {
            return None;
        }
        if self.record.len() < line.len() {
            self.record.resize(line.len().next_power_of_two(), 0);
        }
        let (mut used, mut ended) = (0, 0);
        let quotes = memchr::memchr_iter(b'"', line).count();
        if quotes == 0 {
            let mut start = 0;
            for comma in memchr::memchr_iter(b',', line).chain(std::iter::once(line.len())) {
                let field = &line[start..comma];
                self.record[used..used + field.len()].copy_from_slice(field);
                used += field.len();
                if ended == self.ends.len() {
                    self.ends.resize(ended * 2, 0);
                }
                self.ends[ended] = used;
                ended += 1;
                start = comma + 1;
            }
        } else {
            // Checked whole before anything is written: a line the fast path refuses is csv-core's.
            if crate::csv_line::split(line).any(|f| f.is_err()) {
                return None;
            }
            for field in crate::csv_line::split(line).flatten() {
                let field = crate::csv_line::field_bytes(line, &field);
                self.record[used..used + field.len()].copy_from_slice(&field);
                used += field.len();
                if ended == self.ends.len() {
                    self.ends.resize(ended * 2, 0);
                }
                self.ends[ended] = used;
                ended += 1;
            }
        }
        (self.used, self.ended, self.quotes) = (used, ended, quotes);
        self.row += 1;
        Some(end + 1)
    }
}
