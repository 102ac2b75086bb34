//! How nodes look: a colour per community from a fixed palette, a size
//! from PageRank.

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

impl Colour {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// The first twelve communities' colours (a qualitative palette with good
/// contrast on white); communities are numbered largest first, so later
/// ones, small, share [`OTHER`].
pub const PALETTE: [Colour; 12] = [
    Colour { r: 0x1f, g: 0x77, b: 0xb4 },
    Colour { r: 0xff, g: 0x7f, b: 0x0e },
    Colour { r: 0x2c, g: 0xa0, b: 0x2c },
    Colour { r: 0xd6, g: 0x27, b: 0x28 },
    Colour { r: 0x94, g: 0x67, b: 0xbd },
    Colour { r: 0x8c, g: 0x56, b: 0x4b },
    Colour { r: 0xe3, g: 0x77, b: 0xc2 },
    Colour { r: 0x17, g: 0xbe, b: 0xcf },
    Colour { r: 0xbc, g: 0xbd, b: 0x22 },
    Colour { r: 0x39, g: 0x3b, b: 0x79 },
    Colour { r: 0xad, g: 0x49, b: 0x4a },
    Colour { r: 0x52, g: 0x54, b: 0xa3 },
];

/// The colour of communities past the palette.
pub const OTHER: Colour = Colour { r: 0x9e, g: 0x9e, b: 0x9e };

/// The smallest and largest drawn node size.
pub const SIZE_RANGE: (f64, f64) = (4.0, 40.0);

/// A community's colour.
pub fn community_colour(community: usize) -> Colour {
    PALETTE.get(community).copied().unwrap_or(OTHER)
}

/// A node's size: area grows with PageRank, from the smallest size at 0 to
/// the largest at the network's top rank.
pub fn node_size(rank: f64, top_rank: f64) -> f64 {
    let share = if top_rank > 0.0 { (rank / top_rank).clamp(0.0, 1.0) } else { 0.0 };
    let (low, high) = SIZE_RANGE;
    ((low + (high - low) * share.sqrt()) * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_and_sizes() {
        assert_eq!(community_colour(0).hex(), "#1f77b4");
        assert_eq!(community_colour(99), OTHER);
        assert_eq!(node_size(0.5, 0.5), SIZE_RANGE.1);
        assert_eq!(node_size(0.0, 0.5), SIZE_RANGE.0);
        assert!(node_size(0.1, 0.5) < node_size(0.2, 0.5));
        assert_eq!(node_size(0.1, 0.0), SIZE_RANGE.0);
    }
}
