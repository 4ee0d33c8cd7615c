//! Offsets in the scanned page text, mapped back to the DOM's text nodes.
//!
//! The DOM scan concatenates the page's text nodes into one string (with a
//! separator between blocks) and records where each node starts and ends, in
//! UTF-16 units. A match is a range of that string; [`TextMap`] turns it into
//! `(node, offset)` boundary points for a DOM `Range`, or into the per-node
//! segments that wrapping needs when a match crosses inline elements.

/// A text node's place in the scanned text: `start..end` in UTF-16 units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpan {
    /// Offset of the node's first unit.
    pub start: u32,
    /// Offset just past the node's last unit.
    pub end: u32,
}

/// A match's part inside one text node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Index of the node in scan order.
    pub node: usize,
    /// Start offset inside the node.
    pub start: u32,
    /// End offset inside the node.
    pub end: u32,
}

/// The node spans of one scan, sorted and non-overlapping.
#[derive(Debug, Clone, Default)]
pub struct TextMap {
    spans: Vec<NodeSpan>,
}

impl TextMap {
    /// Builds a map from node spans; `None` unless they are sorted,
    /// non-empty and non-overlapping.
    pub fn new(spans: Vec<NodeSpan>) -> Option<TextMap> {
        let ordered = spans.iter().all(|s| s.start < s.end) && spans.windows(2).all(|w| w[0].end <= w[1].start);
        ordered.then_some(TextMap { spans })
    }

    /// Length, in UTF-16 units, that node `i` had when scanned.
    pub fn node_len(&self, i: usize) -> Option<u32> {
        self.spans.get(i).map(|s| s.end - s.start)
    }

    /// Where node `i`'s text sits in the page text.
    pub fn span(&self, i: usize) -> Option<NodeSpan> {
        self.spans.get(i).copied()
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the map has no nodes.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The segments of `start..end`, one per node it touches, in order.
    /// Text between nodes (block separators) belongs to no segment.
    pub fn segments(&self, start: u32, end: u32) -> Vec<Segment> {
        if start >= end {
            return Vec::new();
        }
        // First node whose end is past `start`.
        let first = self.spans.partition_point(|s| s.end <= start);
        let mut out = Vec::new();
        for (i, s) in self.spans.iter().enumerate().skip(first) {
            if s.start >= end {
                break;
            }
            let a = start.max(s.start) - s.start;
            let b = end.min(s.end) - s.start;
            if a < b {
                out.push(Segment { node: i, start: a, end: b });
            }
        }
        out
    }

    /// The DOM boundary points of `start..end`: `(node, offset)` for the
    /// range's start and end, or `None` if the range touches no node.
    pub fn boundary(&self, start: u32, end: u32) -> Option<((usize, u32), (usize, u32))> {
        let segs = self.segments(start, end);
        let (first, last) = (segs.first()?, segs.last()?);
        Some(((first.node, first.start), (last.node, last.end)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> TextMap {
        // "Hello " | "wor" | "ld" ‖ "Next"   (‖ = separator at 11)
        TextMap::new(vec![
            NodeSpan { start: 0, end: 6 },
            NodeSpan { start: 6, end: 9 },
            NodeSpan { start: 9, end: 11 },
            NodeSpan { start: 12, end: 16 },
        ])
        .unwrap()
    }

    #[test]
    fn segments_cross_nodes() {
        assert_eq!(
            map().segments(2, 10),
            [Segment { node: 0, start: 2, end: 6 }, Segment { node: 1, start: 0, end: 3 }, Segment { node: 2, start: 0, end: 1 }]
        );
    }

    #[test]
    fn segments_within_one_node_and_at_edges() {
        assert_eq!(map().segments(6, 9), [Segment { node: 1, start: 0, end: 3 }]);
        assert_eq!(map().segments(12, 16), [Segment { node: 3, start: 0, end: 4 }]);
        assert!(map().segments(11, 12).is_empty());
        assert!(map().segments(5, 5).is_empty());
    }

    #[test]
    fn boundary_points() {
        assert_eq!(map().boundary(6, 9), Some(((1, 0), (1, 3))));
        assert_eq!(map().boundary(3, 14), Some(((0, 3), (3, 2))));
        assert_eq!(map().boundary(11, 12), None);
    }

    #[test]
    fn node_lengths() {
        assert_eq!(map().node_len(1), Some(3));
        assert_eq!(map().node_len(9), None);
    }

    #[test]
    fn rejects_unordered_spans() {
        assert!(TextMap::new(vec![NodeSpan { start: 0, end: 5 }, NodeSpan { start: 3, end: 8 }]).is_none());
        assert!(TextMap::new(vec![NodeSpan { start: 4, end: 4 }]).is_none());
    }
}
