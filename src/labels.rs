//! The widget's own wording, in the reader's language.
//!
//! The popup's labels, rating names, dates, ages and match explanations are
//! the widget's words (the dataset's verdicts and notes are the dataset's,
//! in the dataset's language). They follow the page: [`Lang::for_page`]
//! reads the page's `lang` attribute, and when a page declares none, the
//! script of the matched text decides. English and Chinese are built in;
//! any other language gets English.

use crate::dataset::{PartialDate, Rating};
use crate::matcher::{Confidence, MatchKind, Stance};
use crate::normalize::is_cjk;

/// A language the widget speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Chinese (Simplified).
    Zh,
}

impl Lang {
    /// The language for a page whose root declares `page_lang` (may be
    /// empty) and whose matched text is `matched`.
    pub fn for_page(page_lang: &str, matched: &str) -> Lang {
        let tag = page_lang.trim().to_ascii_lowercase();
        if tag == "zh" || tag.starts_with("zh-") {
            Lang::Zh
        } else if !tag.is_empty() {
            Lang::En
        } else if matched.chars().any(is_cjk) {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The BCP 47 tag, for the popup's `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The fixed labels.
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// The note to show when the dataset's texts are in `data_lang` (a
    /// BCP 47 tag, any case), or `None` when they are in this language.
    pub fn dataset_note(self, data_lang: &str) -> Option<&'static str> {
        let primary = data_lang.split('-').next().unwrap_or("").to_ascii_lowercase();
        if primary == self.tag() {
            None
        } else if primary == "en" {
            Some(self.labels().dataset_in_english).filter(|s| !s.is_empty())
        } else {
            Some(self.labels().dataset_untranslated)
        }
    }

    /// A rating's name.
    pub fn rating(self, r: Rating) -> &'static str {
        match self {
            Lang::En => r.label(),
            Lang::Zh => match r {
                Rating::True => "属实",
                Rating::MostlyTrue => "基本属实",
                Rating::Mixed => "真假参半",
                Rating::Misleading => "误导",
                Rating::False => "不实",
                Rating::Unverified => "无法证实",
                Rating::Opinion => "观点",
            },
        }
    }

    /// A date as readers of this language write it.
    pub fn date(self, d: PartialDate) -> String {
        match self {
            Lang::En => d.display(),
            Lang::Zh => match (d.month, d.day) {
                (Some(m), Some(day)) => format!("{}年{m}月{day}日", d.year),
                (Some(m), None) => format!("{}年{m}月", d.year),
                _ => format!("{}年", d.year),
            },
        }
    }

    /// A "facts as of" date: to the month at most (`Jan 2026`, `2026年1月`).
    pub fn month(self, d: PartialDate) -> String {
        self.date(d.to_month())
    }

    /// The popup's title, which says first what the passage does with the
    /// claim, as the text before and after the rating (shown between them
    /// with its icon): "This passage repeats a claim rated ⟨False⟩", "This
    /// passage disputes a claim rated ⟨False⟩ — the fact-check agrees with
    /// it". A match below high confidence "may refer to" the claim.
    pub fn title(self, stance: Stance, confidence: Confidence, rating: Rating) -> (String, String) {
        let sure = confidence == Confidence::High;
        let disputes = stance == Stance::Disputes;
        let verdict = if disputes { self.verdict_on_dispute(rating) } else { "" };
        match self {
            Lang::En => {
                let before = match (sure, disputes) {
                    (true, false) => "This passage repeats a claim rated ",
                    (true, true) => "This passage disputes a claim rated ",
                    (false, _) => "This passage may refer to a claim rated ",
                };
                let after = match (sure, disputes) {
                    (false, true) => format!(", disputing it{verdict}"),
                    _ => verdict.to_string(),
                };
                (before.to_string(), after)
            }
            Lang::Zh => {
                let before = match (sure, disputes) {
                    (true, false) => "这段文字重复了一个被评为",
                    (true, true) => "这段文字反驳了一个被评为",
                    (false, false) => "这段文字可能涉及一个被评为",
                    (false, true) => "这段文字可能涉及并反驳了一个被评为",
                };
                (before.to_string(), format!("的说法{verdict}"))
            }
        }
    }

    /// What the fact-check's verdict means for a passage that disputes a
    /// claim with this rating (after the title's rating).
    fn verdict_on_dispute(self, rating: Rating) -> &'static str {
        match (self, rating) {
            (Lang::En, Rating::False | Rating::Misleading) => " — the fact-check agrees with it",
            (Lang::En, Rating::Mixed) => " — the fact-check partly agrees with it",
            (Lang::En, Rating::True | Rating::MostlyTrue) => " — the fact-check disagrees with it",
            (Lang::En, Rating::Unverified) => " — the fact-check could not verify the claim either way",
            (Lang::En, Rating::Opinion) => " — the claim is an opinion: the fact-check gives context, not a verdict",
            (Lang::Zh, Rating::False | Rating::Misleading) => "——核查结论与这段文字一致",
            (Lang::Zh, Rating::Mixed) => "——核查结论与这段文字部分一致",
            (Lang::Zh, Rating::True | Rating::MostlyTrue) => "——核查结论与这段文字相反",
            (Lang::Zh, Rating::Unverified) => "——核查未能证实或否定该说法",
            (Lang::Zh, Rating::Opinion) => "——该说法属于观点，核查只提供背景，不作判定",
        }
    }

    /// The accessible label of a highlighted passage: the passage and what
    /// it does with the claim ("… (fact-check: disputes a claim rated False)").
    pub fn passage_label(self, text: &str, stance: Stance, confidence: Confidence, rating: Rating) -> String {
        format!("{text} ({})", self.passage_does(stance, confidence, rating))
    }

    /// What a passage does with its claim, as [`Lang::passage_label`] says
    /// it after the passage: "fact-check: disputes a claim rated False".
    pub fn passage_does(self, stance: Stance, confidence: Confidence, rating: Rating) -> String {
        let r = self.rating(rating);
        let what = match (self, confidence == Confidence::High, stance == Stance::Disputes) {
            (Lang::En, true, false) => format!("repeats a claim rated {r}"),
            (Lang::En, true, true) => format!("disputes a claim rated {r}"),
            (Lang::En, false, false) => format!("may refer to a claim rated {r}"),
            (Lang::En, false, true) => format!("may refer to a claim rated {r}, disputing it"),
            (Lang::Zh, true, false) => format!("重复了被评为{r}的说法"),
            (Lang::Zh, true, true) => format!("反驳了被评为{r}的说法"),
            (Lang::Zh, false, false) => format!("可能涉及被评为{r}的说法"),
            (Lang::Zh, false, true) => format!("可能涉及并反驳了被评为{r}的说法"),
        };
        format!("{}: {what}", self.labels().fact_check)
    }

    /// The skip link's text: how many claims the page holds, and that it
    /// goes to the first ("Fact-checks: 12 claims on this page. Go to the first").
    pub fn skip_link(self, n: usize) -> String {
        match (self, n) {
            (Lang::En, 1) => "Fact-checks: 1 claim on this page. Go to it".into(),
            (Lang::En, _) => format!("Fact-checks: {n} claims on this page. Go to the first"),
            (Lang::Zh, 1) => "事实核查：本页面有1条经过核查的说法。跳到这一条".into(),
            (Lang::Zh, _) => format!("事实核查：本页面有{n}条经过核查的说法。跳到第一条"),
        }
    }

    /// The button that shows the list of claims.
    pub fn list_claims(self, n: usize) -> String {
        match (self, n) {
            (Lang::En, 1) => "List the claim".into(),
            (Lang::En, _) => format!("List all {n} claims"),
            (Lang::Zh, _) => format!("列出全部{n}条说法"),
        }
    }

    /// Where a claim is among the page's: "Claim 3 of 12".
    pub fn position(self, i: usize, n: usize) -> String {
        match self {
            Lang::En => format!("Claim {i} of {n}"),
            Lang::Zh => format!("第{i}条，共{n}条"),
        }
    }

    /// The popup's keys, as shown and as read out: (visible, spoken). The
    /// visible line draws the arrows; the spoken one names them, since
    /// screen readers do not all read "↓" as a key. `extra_next` is another
    /// key that moves to the next claim (the extension's command).
    pub fn keys(self, extra_next: Option<&str>) -> (String, String) {
        let (or, sep) = match self {
            Lang::En => (" or ", " · "),
            Lang::Zh => (" 或 ", " · "),
        };
        let extra = extra_next.map(|k| format!("{k}{or}")).unwrap_or_default();
        match self {
            Lang::En => (
                format!("Next: {extra}Alt+Shift+↓{sep}Previous: Alt+Shift+↑{sep}Close: Esc"),
                format!("Next claim: {extra}Alt+Shift+Down arrow. Previous claim: Alt+Shift+Up arrow. Close: Escape."),
            ),
            Lang::Zh => (
                format!("下一条：{extra}Alt+Shift+↓{sep}上一条：Alt+Shift+↑{sep}关闭：Esc"),
                format!("下一条：{extra}Alt+Shift+下箭头。上一条：Alt+Shift+上箭头。关闭：Esc 键。"),
            ),
        }
    }

    /// How long ago, `days` days before today (the popup's age of the
    /// facts): `today`, `3 days ago`, `5 weeks ago`, `4 months ago`,
    /// `2 years ago`.
    pub fn age(self, days: i64) -> String {
        match self {
            Lang::En => {
                let plural = |n: i64, unit: &str| format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" });
                match days {
                    i64::MIN..=0 => "today".into(),
                    1 => "yesterday".into(),
                    2..=13 => plural(days, "day"),
                    14..=59 => plural(days / 7, "week"),
                    60..=729 => plural(days / 30, "month"),
                    _ => plural(days / 365, "year"),
                }
            }
            Lang::Zh => match days {
                i64::MIN..=0 => "今天".into(),
                1 => "昨天".into(),
                2..=13 => format!("{days}天前"),
                14..=59 => format!("{}周前", days / 7),
                60..=729 => format!("{}个月前", days / 30),
                _ => format!("{}年前", days / 365),
            },
        }
    }

    /// The one-time announcement for screen readers: how many claims were
    /// found and how to move between them (`wrap`: the highlights are
    /// focusable too).
    pub fn announcement(self, n: usize, wrap: bool) -> String {
        match self {
            Lang::En => {
                let what = if n == 1 { "1 fact-checked claim".to_string() } else { format!("{n} fact-checked claims") };
                let how = if wrap {
                    "Tab to a highlighted claim, or press Alt+Shift+Down and Alt+Shift+Up to move between them."
                } else {
                    "Press Alt+Shift+Down and Alt+Shift+Up to move between them."
                };
                format!("factmark: {what} on this page. {how}")
            }
            Lang::Zh => {
                let how = if wrap {
                    "按 Tab 键跳到高亮的说法，或按 Alt+Shift+下箭头、Alt+Shift+上箭头在说法之间移动。"
                } else {
                    "按 Alt+Shift+下箭头、Alt+Shift+上箭头在说法之间移动。"
                };
                format!("factmark：本页面有{n}条经过核查的说法。{how}")
            }
        }
    }

    /// Why a passage matched, in plain words: the kind of match, then (for
    /// a differently worded one) the matched words and the confidence.
    pub fn explanation(self, kind: MatchKind, confidence: Confidence, words: &[String]) -> (String, Option<String>) {
        let l = self.labels();
        match kind {
            MatchKind::Same => (l.same.to_string(), None),
            MatchKind::Similar => {
                let band = match confidence {
                    Confidence::High => l.high,
                    Confidence::Medium => l.medium,
                };
                let sep = if self == Lang::Zh { "、" } else { ", " };
                let detail =
                    if words.is_empty() { band.to_string() } else { format!("{}{}{}{band}", l.matched, words.join(sep), l.detail_sep) };
                (l.similar.to_string(), Some(detail))
            }
        }
    }
}

/// The popup's fixed labels.
#[derive(Debug)]
pub struct Labels {
    /// The dialog's name.
    pub dialog: &'static str,
    /// The close button's name.
    pub close: &'static str,
    /// A match in the dataset's own wording.
    pub same: &'static str,
    /// A match in other words.
    pub similar: &'static str,
    /// Before the list of matched words.
    pub matched: &'static str,
    /// Between the matched words and the confidence.
    pub detail_sep: &'static str,
    /// High confidence.
    pub high: &'static str,
    /// Medium confidence.
    pub medium: &'static str,
    /// Before the claim as reviewed.
    pub claim: &'static str,
    /// Before what stays uncertain.
    pub uncertain: &'static str,
    /// The sources heading.
    pub sources: &'static str,
    /// Before the review date.
    pub reviewed: &'static str,
    /// Before the date of the newest fact the verdict rests on.
    pub facts_as_of: &'static str,
    /// Before the claimant.
    pub claimed_by: &'static str,
    /// This page is a known appearance of the claim.
    pub appears_here: &'static str,
    /// The heading of the list of reviews.
    pub reviews: &'static str,
    /// The facts are older than the claim's or the dataset's window.
    pub outdated: &'static str,
    /// The passage disputes the claim: the verdict is about the claim.
    pub disputes: &'static str,
    /// The label after a highlighted passage for screen readers ("fact-check").
    pub fact_check: &'static str,
    /// The dataset's own texts are in English and the popup is not.
    pub dataset_in_english: &'static str,
    /// The dataset's own texts are in another language than the popup's.
    pub dataset_untranslated: &'static str,
}

const EN: Labels = Labels {
    dialog: "Fact check",
    close: "Close fact check",
    same: "Same wording as the reviewed claim",
    similar: "Similar claim, worded differently",
    matched: "Matched words: ",
    detail_sep: " · ",
    high: "confidence: high",
    medium: "confidence: medium",
    claim: "Claim reviewed: ",
    uncertain: "Still uncertain: ",
    sources: "Sources",
    reviewed: "Reviewed ",
    facts_as_of: "Facts as of ",
    claimed_by: "Claimed by ",
    appears_here: "This page is listed as a place where this claim appears.",
    reviews: "Reviews, newest first",
    outdated: "These facts may be out of date: check the sources for newer information.",
    disputes: "The verdict below is about the claim, not about this passage.",
    fact_check: "fact-check",
    dataset_in_english: "",
    dataset_untranslated: "The fact check below is in its original language.",
};

const ZH: Labels = Labels {
    dialog: "事实核查",
    close: "关闭事实核查",
    same: "与核查的说法措辞相同",
    similar: "类似说法，措辞不同",
    matched: "匹配词语：",
    detail_sep: " · ",
    high: "可信度：高",
    medium: "可信度：中",
    claim: "核查的说法：",
    uncertain: "尚不确定：",
    sources: "来源",
    reviewed: "核查日期：",
    facts_as_of: "事实截至：",
    claimed_by: "提出者：",
    appears_here: "本页面被列为出现该说法的页面之一。",
    reviews: "各方核查（最新在前）",
    outdated: "这些事实可能已经过时，请查看来源，了解最新情况。",
    disputes: "下面的核查结论针对的是该说法，而不是这段文字。",
    fact_check: "事实核查",
    dataset_in_english: "核查内容为英文。",
    dataset_untranslated: "以下核查内容为原文，未经翻译。",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_language_decides_then_the_script() {
        assert_eq!(Lang::for_page("zh-CN", "NATO"), Lang::Zh);
        assert_eq!(Lang::for_page("zh", ""), Lang::Zh);
        assert_eq!(Lang::for_page("ZH-Hans", ""), Lang::Zh);
        assert_eq!(Lang::for_page("en-GB", "美国退出北约"), Lang::En);
        assert_eq!(Lang::for_page("", "美国退出北约"), Lang::Zh);
        assert_eq!(Lang::for_page(" ", "NATO exit"), Lang::En);
        assert_eq!(Lang::for_page("de", "NATO"), Lang::En, "other languages get English");
    }

    #[test]
    fn ages_in_words() {
        assert_eq!(Lang::En.age(0), "today");
        assert_eq!(Lang::En.age(-3), "today");
        assert_eq!(Lang::En.age(1), "yesterday");
        assert_eq!(Lang::En.age(6), "6 days ago");
        assert_eq!(Lang::En.age(14), "2 weeks ago");
        assert_eq!(Lang::En.age(349), "11 months ago");
        assert_eq!(Lang::En.age(800), "2 years ago");
        assert_eq!(Lang::Zh.age(1), "昨天");
        assert_eq!(Lang::Zh.age(349), "11个月前");
    }

    #[test]
    fn explanations_in_plain_words() {
        let words = vec!["Massie".to_string(), "withdraw".into(), "NATO".into()];
        assert_eq!(Lang::En.explanation(MatchKind::Same, Confidence::High, &words), ("Same wording as the reviewed claim".into(), None));
        assert_eq!(
            Lang::En.explanation(MatchKind::Similar, Confidence::Medium, &words),
            ("Similar claim, worded differently".into(), Some("Matched words: Massie, withdraw, NATO · confidence: medium".into()))
        );
        let zh = Lang::Zh.explanation(MatchKind::Similar, Confidence::High, &["马西".to_string(), "北约".into()]);
        assert_eq!(zh.0, "类似说法，措辞不同");
        assert_eq!(zh.1.as_deref(), Some("匹配词语：马西、北约 · 可信度：高"));
    }

    #[test]
    fn announcements() {
        assert_eq!(
            Lang::En.announcement(1, false),
            "factmark: 1 fact-checked claim on this page. Press Alt+Shift+Down and Alt+Shift+Up to move between them."
        );
        assert!(Lang::En.announcement(3, true).starts_with("factmark: 3 fact-checked claims on this page. Tab to"));
        assert!(Lang::Zh.announcement(3, true).starts_with("factmark：本页面有3条经过核查的说法。按 Tab 键"));
    }

    #[test]
    fn the_skip_link_the_list_and_the_popups_position_and_keys() {
        assert_eq!(Lang::En.skip_link(12), "Fact-checks: 12 claims on this page. Go to the first");
        assert_eq!(Lang::En.skip_link(1), "Fact-checks: 1 claim on this page. Go to it");
        assert_eq!(Lang::Zh.skip_link(3), "事实核查：本页面有3条经过核查的说法。跳到第一条");
        assert_eq!(Lang::En.list_claims(12), "List all 12 claims");
        assert_eq!(Lang::En.list_claims(1), "List the claim");
        assert_eq!(Lang::Zh.list_claims(2), "列出全部2条说法");
        assert_eq!(Lang::En.position(3, 12), "Claim 3 of 12");
        assert_eq!(Lang::Zh.position(3, 12), "第3条，共12条");
        assert_eq!(
            Lang::En.keys(None),
            (
                "Next: Alt+Shift+↓ · Previous: Alt+Shift+↑ · Close: Esc".to_string(),
                "Next claim: Alt+Shift+Down arrow. Previous claim: Alt+Shift+Up arrow. Close: Escape.".to_string()
            )
        );
        let (shown, spoken) = Lang::En.keys(Some("Alt+Shift+J"));
        assert!(shown.starts_with("Next: Alt+Shift+J or Alt+Shift+↓ · "), "{shown}");
        assert!(spoken.starts_with("Next claim: Alt+Shift+J or Alt+Shift+Down arrow. "), "{spoken}");
        assert!(Lang::Zh.keys(None).1.contains("下箭头"));
        assert_eq!(Lang::En.passage_does(Stance::States, Confidence::High, Rating::False), "fact-check: repeats a claim rated False");
    }

    #[test]
    fn notes_on_the_datasets_language() {
        assert_eq!(Lang::Zh.dataset_note("en"), Some("核查内容为英文。"));
        assert_eq!(Lang::Zh.dataset_note("EN-gb"), Some("核查内容为英文。"));
        assert_eq!(Lang::Zh.dataset_note("ZH-Hans"), None);
        assert_eq!(Lang::Zh.dataset_note("fr"), Some("以下核查内容为原文，未经翻译。"));
        assert_eq!(Lang::En.dataset_note("en-US"), None);
        assert_eq!(Lang::En.dataset_note("zh"), Some("The fact check below is in its original language."));
    }

    #[test]
    fn titles_say_what_the_passage_does_first() {
        let t = |l: Lang, s, c, r| {
            let (before, after) = l.title(s, c, r);
            format!("{before}{}{after}", l.rating(r))
        };
        use Confidence::{High, Medium};
        use Lang::{En, Zh};
        use Rating::*;
        use Stance::{Disputes, States};
        const OPINION: &str =
            "This passage disputes a claim rated Opinion — the claim is an opinion: the fact-check gives context, not a verdict";
        const UNVERIFIED: &str = "This passage disputes a claim rated Unverified — the fact-check could not verify the claim either way";
        let table = [
            (En, States, High, False, "This passage repeats a claim rated False"),
            (En, Disputes, High, False, "This passage disputes a claim rated False — the fact-check agrees with it"),
            (En, Disputes, High, Misleading, "This passage disputes a claim rated Misleading — the fact-check agrees with it"),
            (En, Disputes, High, True, "This passage disputes a claim rated True — the fact-check disagrees with it"),
            (En, Disputes, High, MostlyTrue, "This passage disputes a claim rated Mostly true — the fact-check disagrees with it"),
            (En, Disputes, High, Mixed, "This passage disputes a claim rated Mixed — the fact-check partly agrees with it"),
            (En, Disputes, High, Opinion, OPINION),
            (En, Disputes, High, Unverified, UNVERIFIED),
            (En, States, Medium, True, "This passage may refer to a claim rated True"),
            (En, Disputes, Medium, False, "This passage may refer to a claim rated False, disputing it — the fact-check agrees with it"),
            (Zh, States, High, False, "这段文字重复了一个被评为不实的说法"),
            (Zh, Disputes, High, False, "这段文字反驳了一个被评为不实的说法——核查结论与这段文字一致"),
            (Zh, Disputes, High, True, "这段文字反驳了一个被评为属实的说法——核查结论与这段文字相反"),
            (Zh, States, Medium, MostlyTrue, "这段文字可能涉及一个被评为基本属实的说法"),
        ];
        for (lang, stance, confidence, rating, want) in table {
            assert_eq!(t(lang, stance, confidence, rating), want);
        }
        // Neither agrees nor disagrees with an opinion or an unverified claim.
        for r in [Opinion, Unverified] {
            let title = t(En, Disputes, High, r);
            assert!(!title.contains("agree"), "{title}");
        }
        assert!(!t(Zh, Disputes, High, Opinion).contains("一致"));
    }

    #[test]
    fn passage_labels_say_the_stance() {
        use Confidence::{High, Medium};
        use Stance::{Disputes, States};
        assert_eq!(
            Lang::En.passage_label("NATO has no plan", States, High, Rating::MostlyTrue),
            "NATO has no plan (fact-check: repeats a claim rated Mostly true)"
        );
        assert_eq!(Lang::En.passage_label("x", Disputes, High, Rating::False), "x (fact-check: disputes a claim rated False)");
        assert_eq!(Lang::En.passage_label("x", States, Medium, Rating::False), "x (fact-check: may refer to a claim rated False)");
        assert_eq!(
            Lang::En.passage_label("x", Disputes, Medium, Rating::False),
            "x (fact-check: may refer to a claim rated False, disputing it)"
        );
        assert_eq!(Lang::Zh.passage_label("北约", Disputes, High, Rating::False), "北约 (事实核查: 反驳了被评为不实的说法)");
    }

    #[test]
    fn dates_ratings_and_ages() {
        let d = PartialDate::parse("2025-12-09").unwrap();
        assert_eq!(Lang::En.date(d), "9 Dec 2025");
        assert_eq!(Lang::Zh.date(d), "2025年12月9日");
        assert_eq!(Lang::Zh.date(PartialDate::parse("2025-11").unwrap()), "2025年11月");
        assert_eq!(Lang::En.month(d), "Dec 2025");
        assert_eq!(Lang::Zh.month(d), "2025年12月");
        assert_eq!(Lang::Zh.rating(Rating::MostlyTrue), "基本属实");
        assert_eq!(Lang::En.rating(Rating::MostlyTrue), "Mostly true");
        assert_eq!(Lang::Zh.age(3), "3天前");
        assert_eq!(Lang::Zh.age(400), "13个月前");
        assert_eq!(Lang::Zh.age(800), "2年前");
        assert_eq!(Lang::En.age(1), "yesterday");
    }
}
