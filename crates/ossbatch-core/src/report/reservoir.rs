//! A seeded sample of a report's succeeded tasks for the effect check: reservoir sampling (Algorithm
//! R), so any report size is sampled in bounded memory and the same seed draws the same rows.

/// A sampled task: bucket, key, version id (none when the report wrote none, empty or `\N`).
pub type SampledTask = (String, String, Option<String>);

pub(super) struct Reservoir {
    size: usize,
    seen: u64,
    random: u64,
    rows: Vec<SampledTask>,
}

impl Reservoir {
    pub fn new(size: usize, seed: u64) -> Reservoir {
        Reservoir {
            size,
            seen: 0,
            // Every seed its own stream (a splitmix-style spread; xorshift needs a non-zero state).
            random: (seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03).max(1),
            rows: Vec::new(),
        }
    }

    /// xorshift64*.
    fn next_random(&mut self) -> u64 {
        self.random ^= self.random >> 12;
        self.random ^= self.random << 25;
        self.random ^= self.random >> 27;
        self.random.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// The next succeeded task; `row` is made only when it is kept.
    pub fn offer(&mut self, row: impl FnOnce() -> SampledTask) {
        self.seen += 1;
        if self.rows.len() < self.size {
            self.rows.push(row());
            return;
        }
        // The n-th task replaces a kept one with probability size/n.
        let pick = (self.next_random() % self.seen) as usize;
        if pick < self.size {
            self.rows[pick] = row();
        }
    }

    pub fn into_rows(self) -> Vec<SampledTask> {
        self.rows
    }
}
