//! `--shard K/N`: an input name goes in; out comes whether shard K of N (1-based) owns it. The
//! owner is the xxh3 hash of the name modulo N, so every machine given the same list picks the
//! same disjoint subsets, and the N shards together cover every input exactly once.

use xxhash_rust::xxh3::xxh3_64;

/// One shard of a run split N ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based index.
    pub k: u64,
    pub n: u64,
}

impl Shard {
    /// Parses `K/N` with 1 ≤ K ≤ N.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("shard `{s}` is not K/N (for example 2/8)"))?;
        let k: u64 = k
            .trim()
            .parse()
            .map_err(|_| format!("shard `{s}`: K is not a number"))?;
        let n: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("shard `{s}`: N is not a number"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!("shard `{s}`: need 1 ≤ K ≤ N"));
        }
        Ok(Shard { k, n })
    }

    /// Whether this shard owns the input called `name`.
    pub fn owns(&self, name: &str) -> bool {
        xxh3_64(name.as_bytes()) % self.n == self.k - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!(Shard::parse("2/8"), Ok(Shard { k: 2, n: 8 }));
        for bad in ["0/3", "4/3", "1/0", "x/2", "3"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn shards_partition_the_inputs() {
        let names: Vec<String> = (0..500).map(|i| format!("dir/{i}.md")).collect();
        let shards: Vec<Shard> = (1..=4).map(|k| Shard { k, n: 4 }).collect();
        for name in &names {
            let owners = shards.iter().filter(|s| s.owns(name)).count();
            assert_eq!(owners, 1, "{name}");
        }
        // and the split is not degenerate
        for s in &shards {
            let mine = names.iter().filter(|n| s.owns(n)).count();
            assert!(mine > 60, "shard {} has {mine}", s.k);
        }
    }
}
