//! From folded words to the terms the matcher compares.
//!
//! [`crate::normalize`] splits text into folded words; [`terms`] turns those
//! into *terms*, the units the matcher indexes and scores, so that a page and
//! a dataset that say the same thing in different surface forms agree:
//!
//! - **Latin-script words** are stemmed ([`crate::stem`]): `introduced` and
//!   `introduces` become one term.
//! - **Number words become digits**: `two hundred` → `200`,
//!   `eighty thousand` → `80000`, `1.5 million` → `1500000`, `thirty-two`
//!   → `32`. A digit string stays as written (`2025`, `3.5`). `one` on its
//!   own stays a word, since it is more often a pronoun than a count.
//! - **CJK text**, which has no spaces between words, becomes overlapping
//!   character bigrams: `美国退出北约` → `美国 国退 退出 出北 北约`. Bigrams
//!   need no dictionary, and the two-character words that carry most meaning
//!   in Chinese (`退出`, `北约`) are among them; the spurious ones (`出北`)
//!   are shared by nothing and weigh nothing. A lone ideograph between
//!   non-CJK text stays a single term.
//!
//! Each term also says whether it is a *negation* (`not`, `never`, `false`,
//! `不…`, `没…`, `并非`: see [`is_negation`]), whether it calls what came
//! before it false (`… are false`, `…不实`: [`is_falsity`]), and whether
//! it is a *stop* term that carries no meaning for matching (`the`, `of`,
//! `的`).
//!
//! Alias groups (`withdraw from` = `pull out of` = `exit`) are applied by
//! the matcher on top of these terms, since they are part of the dataset.

use crate::normalize::{is_cjk, tokenize, TokenSpan};
use crate::stem::{is_stopword, stem};

/// A term, as passed to [`terms`]'s callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term<'a> {
    /// The term's text: a stem, a number's digits, or a CJK bigram.
    pub text: &'a str,
    /// UTF-16 offset of the term's first character in the original text.
    pub start: u32,
    /// UTF-16 offset just past its last character.
    pub end: u32,
    /// A number (digits, or number words turned into digits).
    pub number: bool,
    /// A word that negates or disputes what follows.
    pub negation: bool,
    /// A word that calls what came before false ("… are false", "…不实").
    pub falsity: bool,
    /// A function word that carries no meaning for matching.
    pub stop: bool,
    /// A CJK character or bigram.
    pub cjk: bool,
    /// A word that introduces what others say ("claims that …", "所谓…"),
    /// so that a verdict later in the sentence is about it.
    pub frame: bool,
    /// Clause-ending punctuation comes just before it (see
    /// [`TokenSpan::clause_break`]).
    pub clause_break: bool,
    /// A comma or clause break comes just before it ([`TokenSpan::pause`]).
    pub pause: bool,
    /// The clause break is a colon, semicolon or dash ([`TokenSpan::hard_break`]).
    pub hard_break: bool,
    /// A word that says something is so ("true", "the case"), which a
    /// negation before it turns into a verdict ("not true: …").
    pub truth: bool,
    /// A word after which a negation just before it negates nothing:
    /// "make no mistake", "no doubt", "not only … but", "not least".
    pub cancels_negation: bool,
    /// A word that puts what follows against what the sentence says:
    /// "*rather* than introducing", "*instead* of supporting", "*failed*
    /// to meet", "far *from* fighting".
    pub contrast: bool,
    /// A word that makes what follows hypothetical: "*if* the U.S. does not
    /// control it", "*如果*我们不拿下".
    pub conditional: bool,
    /// A word that reports what someone says or shows ("said", "called",
    /// "claims", "声称"): a negation on it denies what it reports ("Massie
    /// *never called* NATO a Cold War relic").
    pub reporting: bool,
    /// "without", "unless", "除非": with a negation it states a requirement,
    /// not a denial ("*no* president can leave NATO *without* Congress").
    pub without: bool,
    /// A word that reverses what a sentence reports without negating it:
    /// "*scrapped* plans to cut …", "*walked back* a call to quit …", "a
    /// *bystander* in Ukraine", "撤回". Near a match it makes the match unsafe.
    pub reversal: bool,
    /// "whether", "是否": what follows is asked, not said.
    pub whether: bool,
    /// "but", "yet", "而是", "但": what follows is set against what came
    /// before ("not X but Y").
    pub but: bool,
    /// An auxiliary: a form of "be", "do" or "have", or a modal ("is",
    /// "does", "would", "isn't"). After a match, with a negation, the
    /// clause goes on to deny something of what the match names ("control
    /// of Greenland *is not* necessary"); after a negation opening a
    /// clause, it denies the clause ("*Nowhere does* the strategy say …").
    pub auxiliary: bool,
    /// "in fact", "in reality", 实际上, 事实上, 其实 (opening a clause): what
    /// follows says how things really are. In a later clause, after a claim
    /// framed as what others say ("有说法……，实际上……"), it sets the sentence
    /// against the claim.
    pub sets_right: bool,
    /// A word saying an account distorts things ("overstate",
    /// "exaggerate", "misrepresent", 夸大, 歪曲, 经不起, 经不住, 禁不起; not
    /// 禁不住, "cannot help"). Anywhere after a claim framed as what others
    /// say ("Claims that … overstate a report", "所谓……，这种说法经不起推敲")
    /// it sets the sentence against the claim. Alone it says nothing:
    /// "Trump, who often exaggerates, says …" states what he says.
    pub distorts: bool,
}

impl<'a> Term<'a> {
    /// A term with no flag set: `text` spanning `start..end`, after the
    /// breaks `(clause_break, pause, hard_break)`.
    fn plain(text: &'a str, start: u32, end: u32, (clause_break, pause, hard_break): (bool, bool, bool)) -> Term<'a> {
        Term {
            text,
            start,
            end,
            number: false,
            negation: false,
            falsity: false,
            stop: false,
            cjk: false,
            frame: false,
            clause_break,
            pause,
            hard_break,
            truth: false,
            cancels_negation: false,
            contrast: false,
            conditional: false,
            reporting: false,
            without: false,
            reversal: false,
            whether: false,
            but: false,
            auxiliary: false,
            sets_right: false,
            distorts: false,
        }
    }

    /// A number's term: `text` its digits (with `%` for a percentage),
    /// spanning `start..end`, after the breaks; no other flag applies to a
    /// number.
    fn number(text: &'a str, start: u32, end: u32, breaks: (bool, bool, bool)) -> Term<'a> {
        Term { number: true, ..Term::plain(text, start, end, breaks) }
    }
}

/// Whether a folded word, after `last` (the word before it), reverses what
/// the sentence reports without negating it.
pub fn is_reversal(last: &str, w: &str) -> bool {
    matches!(
        w,
        "blocked"
            | "blocks"
            | "scrapped"
            | "scraps"
            | "scrap"
            | "shelved"
            | "shelves"
            | "abandoned"
            | "abandons"
            | "reversed"
            | "reverses"
            | "renounced"
            | "renounces"
            | "retracted"
            | "backtracked"
            | "bystander"
            | "shrank"
            | "shrunk"
            | "smaller"
            | "fewer"
            | "zero"
            | "dead"
    ) || matches!(
        (last, w),
        ("walked" | "walks" | "walk", "back")
            | ("called" | "calls" | "call", "off")
            | ("ruled" | "rules" | "rule", "out")
            | ("too" | "very" | "played" | "plays", "little")
            | ("in", "contrast")
            // "must transition from relying on the U.S. to …", "to wean off
            // U.S. enablers": what follows is to be left behind. Not
            // "shift", mostly the noun ("a major shift from previous policy,
            // proposing …"); "transition" is both ("the transition from Biden
            // to Trump": a miss).
            | ("transition" | "transitioning" | "transitioned" | "shifting" | "wean" | "weaning" | "weaned", "from" | "off")
            | ("little", "part" | "role")
    )
}

/// Whether a CJK bigram reverses what the sentence reports: 撤回, 放弃,
/// 收回, 取消, 搁置, 叫停, 为零.
fn is_cjk_reversal(first: char, second: char) -> bool {
    matches!(
        (first, second),
        ('撤', '回') | ('放', '弃' | '棄') | ('收', '回') | ('取', '消') | ('搁' | '擱', '置') | ('叫', '停') | ('为' | '為', '零')
    )
}

/// Whether a folded word reports what someone says or shows.
pub fn is_reporting(folded: &str) -> bool {
    matches!(
        folded,
        "say"
            | "says"
            | "said"
            | "saying"
            | "call"
            | "calls"
            | "called"
            | "claim"
            | "claims"
            | "claimed"
            | "tell"
            | "tells"
            | "told"
            | "write"
            | "writes"
            | "wrote"
            | "argue"
            | "argues"
            | "argued"
            | "declare"
            | "declares"
            | "declared"
            | "publish"
            | "published"
            | "show"
            | "shows"
            | "showed"
            | "suggest"
            | "suggests"
            | "suggested"
            | "mean"
            | "means"
            | "meant"
            | "indicate"
            | "indicates"
            | "indicated"
            | "assert"
            | "asserts"
            | "asserted"
            | "allege"
            | "alleged"
            | "criticize"
            | "criticized"
            | "criticise"
            | "criticised"
            | "denied"
            | "denies"
            | "deny"
            | "disputed"
            | "refuted"
            | "refutes"
    )
}

/// Whether a CJK bigram reports what someone says: 声称, 宣称, 表示, 指出,
/// 认为, 批评, 说过, 提到.
fn is_cjk_reporting(first: char, second: char) -> bool {
    matches!(
        (first, second),
        ('声' | '聲', '称' | '稱')
            | ('宣', '称' | '稱')
            | ('表', '示')
            | ('指', '出')
            | ('认' | '認', '为' | '為')
            | ('批', '评' | '評')
            | ('说' | '說', '过' | '過')
            | ('提', '到')
            | ('否', '认' | '認')
    )
}

/// Whether a folded word sets what follows against the sentence's point.
pub fn is_contrast(folded: &str) -> bool {
    matches!(folded, "fail" | "fails" | "failed" | "failing" | "refuse" | "refuses" | "refused" | "declined" | "declines" | "unable")
}

/// Whether a CJK bigram sets what follows against the sentence: 而非,
/// 而不是 (rather than), 远非 (far from).
fn is_cjk_contrast(first: char, second: char) -> bool {
    matches!((first, second), ('而', '非' | '不') | ('远' | '遠', '非') | ('难' | '難', '以') | ('无' | '無', '法'))
}

/// Whether a folded word makes what follows hypothetical.
pub fn is_conditional(folded: &str) -> bool {
    matches!(folded, "if" | "unless" | "whether" | "suppose" | "supposing")
}

/// Whether a CJK bigram makes what follows hypothetical: 如果, 假如, 若…,
/// 要是, 倘若, 万一.
fn is_cjk_conditional(first: char, second: char) -> bool {
    // 果说 (如果说, "if one says") carries the 如果 over the 说.
    matches!(
        (first, second),
        ('如', '果') | ('果', '说' | '說') | ('假', '如' | '若' | '使') | ('要', '是') | ('倘', '若') | ('万' | '萬', '一')
    ) || first == '若'
}

/// Splits `text` into terms; `base` is added to every offset.
///
/// The term's text is only valid during the call.
pub fn terms(text: &str, base: u32, mut f: impl FnMut(&Term)) {
    let mut state = State::default();
    tokenize(text, base, |w, span| state.feed(w, span, &mut f));
    state.flush_cjk(&mut f);
    state.flush_number(&mut f);
}

/// Whether the folded word is an auxiliary: a form of "be", "do" or
/// "have", or a modal, negated or not.
fn is_auxiliary(folded: &str) -> bool {
    matches!(
        folded,
        "is" | "was"
            | "do"
            | "does"
            | "did"
            | "has"
            | "have"
            | "had"
            | "doesnt"
            | "didnt"
            | "dont"
            | "hasnt"
            | "havent"
            | "hadnt"
            | "are"
            | "were"
            | "be"
            | "been"
            | "isnt"
            | "wasnt"
            | "arent"
            | "werent"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "wont"
            | "wouldnt"
            | "cant"
            | "cannot"
            | "couldnt"
            | "shouldnt"
    )
}

/// Whether a folded word negates or disputes what follows.
pub fn is_negation(folded: &str) -> bool {
    matches!(
        folded,
        "not"
            | "no"
            | "never"
            | "nor"
            | "neither"
            | "false"
            | "untrue"
            | "denied"
            | "denies"
            | "deny"
            | "disputed"
            | "debunked"
            | "myth"
            | "didnt"
            | "doesnt"
            | "dont"
            | "isnt"
            | "wasnt"
            | "arent"
            | "werent"
            | "hasnt"
            | "havent"
            | "hadnt"
            | "wont"
            | "cant"
            | "cannot"
            | "couldnt"
            | "shouldnt"
            | "wouldnt"
            | "nowhere"
            | "nobody"
            | "rejected"
            | "rejects"
            | "refuted"
            | "refutes"
            | "hardly"
            | "scarcely"
    )
}

/// Whether "lie"/"lies" after the folded word `last` is the noun ("a lie",
/// "are lies") rather than the verb ("the problem lies in", "where the
/// weakness lies"), which calls nothing false.
fn lie_is_a_noun(last: &str) -> bool {
    matches!(
        last,
        "a" | "the"
            | "big"
            | "outright"
            | "blatant"
            | "total"
            | "complete"
            | "pure"
            | "flat"
            | "another"
            | "this"
            | "that"
            | "such"
            | "these"
            | "those"
            | "is"
            | "was"
            | "are"
            | "were"
            | "s"
            | "of"
            | "and"
    )
}

/// Whether a folded word calls what came before it false.
pub fn is_falsity(folded: &str) -> bool {
    matches!(
        folded,
        "false"
            | "untrue"
            | "wrong"
            | "incorrect"
            | "inaccurate"
            | "baseless"
            | "unfounded"
            | "debunked"
            | "myth"
            | "fabricated"
            | "bogus"
            | "fake"
            | "overblown"
            | "exaggerated"
            | "nonsense"
            | "manipulation"
            | "distortion"
            | "disinformation"
            | "misinformation"
            | "propaganda"
            | "lie"
            | "lies"
    )
}

/// Whether a folded word says an account distorts what happened
/// ("overstates a report", "exaggerated").
fn is_distortion(folded: &str) -> bool {
    matches!(
        folded,
        "overstate"
            | "overstates"
            | "overstated"
            | "overstating"
            | "exaggerate"
            | "exaggerates"
            | "exaggerated"
            | "exaggerating"
            | "misrepresent"
            | "misrepresents"
            | "misrepresented"
            | "misrepresenting"
            | "distort"
            | "distorts"
            | "distorted"
            | "distorting"
            | "mischaracterize"
            | "mischaracterizes"
            | "mischaracterized"
            | "mischaracterise"
            | "mischaracterises"
            | "mischaracterised"
    )
}

/// Whether a folded word frames what follows as something others say
/// ("claims that …", "reports that …", "the idea that …").
pub fn is_frame(folded: &str) -> bool {
    matches!(
        folded,
        "claim"
            | "claims"
            | "claimed"
            | "report"
            | "reports"
            | "rumor"
            | "rumors"
            | "rumour"
            | "rumours"
            | "suggestion"
            | "suggestions"
            | "notion"
            | "idea"
            | "assertion"
            | "assertions"
            | "allegation"
            | "allegations"
            | "evidence"
            | "proof"
            | "basis"
            | "coverage"
            | "passage"
            | "sign"
            | "indication"
            | "record"
            | "trace"
            | "column"
            | "article"
    )
}

/// Whether a CJK bigram frames what follows as hearsay: 所谓 (so-called),
/// 网传 (said online), 传言 (rumour), 声称 (claims).
fn is_cjk_frame(first: char, second: char) -> bool {
    matches!(
        (first, second),
        ('所', '谓' | '謂')
            | ('网' | '網', '传' | '傳')
            | ('传' | '傳', '言')
            | ('声' | '聲', '称' | '稱')
            | ('说' | '說', '法')
            | ('观' | '觀', '点' | '點')
            | ('论' | '論', '调' | '調')
            | ('看', '法')
    )
}

/// Whether a CJK bigram says that what came before is false.
fn is_cjk_falsity(first: char, second: char) -> bool {
    matches!(
        (first, second),
        // 不实, 不准确, 不属实, 不成立, 谣言, 虚假, 错误, 失实, 否认, 查无 (not 不符:
        // 不符合事实 says false, but 不符合利益 is part of many claims)
        ('不', '实' | '實' | '准' | '準' | '属' | '屬' | '成')
            | ('站', '不')
            | ('谣' | '謠', '言')
            | ('虚' | '虛', '假')
            | ('错' | '錯', '误' | '誤')
            | ('失', '实' | '實')
            | ('否', '认' | '認')
            | ('查', '无' | '無')
    )
}

/// Words that begin with a negating character but negate nothing:
/// 不断 (continually), 不仅 (not only), 不少 (many), 不过 (but), 未来
/// (future), 非常 (very), 非洲 (Africa), 否则 (otherwise), …
fn is_cjk_false_negation(first: char, second: char) -> bool {
    matches!(
        (first, second),
        (
            '不',
            '断' | '斷'
                | '仅'
                | '僅'
                | '少'
                | '过'
                | '過'
                | '久'
                | '同'
                | '管'
                | '论'
                | '論'
                | '得'
                | '满'
                | '滿'
                | '安'
                | '止'
                | '外'
                | '稳'
                | '穩'
                | '停'
                | '时'
                | '時'
                | '禁'
                | '妨'
        ) | ('未', '来' | '來')
            | ('非', '常' | '洲' | '但' | '要' | '法')
            | ('否', '则' | '則')
            | ('没', '收')
    )
}

/// Whether a CJK bigram starting with `first` negates what follows.
fn is_cjk_negation(first: char, second: char) -> bool {
    // 不 (not), 没 (have not), 未 (not yet), 非 (is not), 否 (deny; 否认),
    // and the words for "false" and "rumour".
    matches!(first, '不' | '没' | '沒' | '未' | '非' | '否')
        || matches!((first, second), ('虚', '假') | ('謠', '言') | ('谣', '言') | ('辟', '谣') | ('辟', '謠'))
}

/// Function characters: a bigram made of them, or holding one of the
/// commonest particles, says nothing about which claim a sentence makes.
fn is_cjk_function(c: char) -> bool {
    matches!(
        c,
        '的' | '了'
            | '是'
            | '在'
            | '和'
            | '与'
            | '與'
            | '也'
            | '而'
            | '这'
            | '這'
            | '那'
            | '其'
            | '之'
            | '着'
            | '著'
            | '个'
            | '個'
            | '将'
            | '將'
            | '对'
            | '對'
            | '为'
            | '為'
            | '被'
            | '把'
            | '从'
            | '從'
            | '中'
            | '上'
            | '于'
            | '於'
            | '及'
            | '并'
            | '並'
            | '等'
    )
}

fn small_number(w: &str) -> Option<u32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn scale(w: &str) -> Option<u128> {
    Some(match w {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        "trillion" => 1_000_000_000_000,
        _ => return None,
    })
}

/// Numbers are read in millionths, in integers: exact, and no floating
/// point formatting code in the widget.
const UNIT: u128 = 1_000_000;

/// A digit string (`2025`, `3.5`) in millionths; `None` if it is too long.
fn parse_units(w: &str) -> Option<u128> {
    let (int, frac) = w.split_once('.').unwrap_or((w, ""));
    let mut v: u128 = 0;
    for b in int.bytes() {
        v = v.checked_mul(10)?.checked_add(u128::from(b.checked_sub(b'0')?))?;
    }
    let mut f: u128 = 0;
    let mut place = UNIT;
    for b in frac.bytes().take(6) {
        place /= 10;
        f += u128::from(b.checked_sub(b'0')?) * place;
    }
    v.checked_mul(UNIT)?.checked_add(f)
}

/// Writes millionths as a decimal number without trailing zeros (`1500000`, `2.5`).
fn write_units(v: u128, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(out, "{}", v / UNIT);
    let frac = v % UNIT;
    if frac != 0 {
        let mut digits = [0u8; 6];
        let mut x = frac;
        for d in digits.iter_mut().rev() {
            *d = b'0' + (x % 10) as u8;
            x /= 10;
        }
        let len = digits.iter().rposition(|&d| d != b'0').map_or(0, |i| i + 1);
        out.push('.');
        out.extend(digits[..len].iter().map(|&d| d as char));
    }
}

/// A number being read from words.
struct Number {
    /// Value of the completed thousands groups, in millionths.
    total: u128,
    /// Value of the group being read, in millionths.
    current: u128,
    /// Whether the group has a count ("two hundred", "0"), rather than a
    /// bare scale word after a completed group ("… thousand million").
    counted: bool,
    start: u32,
    end: u32,
    /// The words it was read from: 1 for a bare digit string or a lone word.
    words: u32,
    /// The first token's text, for a number that stays as written.
    first: String,
    /// Whether the first token was digits.
    digits: bool,
    /// An `and` seen after a scale word, waiting to see if a number follows.
    and: Option<TokenSpan>,
    /// Whether a clause break came before its first word.
    clause_break: bool,
    /// Whether a comma or clause break came before its first word.
    pause: bool,
    /// Whether a colon, semicolon or dash came before its first word.
    hard_break: bool,
    /// A percent sign or word followed it: the term is `N%`.
    percent: bool,
    /// A `per` seen after it, waiting to see if `cent` follows.
    per: Option<TokenSpan>,
}

impl Number {
    /// A number whose first word, `w` at `span`, is worth `current`.
    fn first_word(current: u128, w: &str, span: TokenSpan, digits: bool) -> Number {
        Number {
            total: 0,
            current,
            counted: true,
            start: span.start,
            end: span.end,
            words: 1,
            first: w.to_string(),
            digits,
            and: None,
            clause_break: span.clause_break,
            pause: span.pause,
            hard_break: span.hard_break,
            percent: false,
            per: None,
        }
    }
}

/// The value of a CJK character that multiplies the number written just
/// before it in digits: `8万` is 80,000, `1.5亿` 150 million.
fn cjk_multiplier(c: char) -> Option<u128> {
    match c {
        '万' | '萬' => Some(10_000),
        '亿' | '億' => Some(100_000_000),
        _ => None,
    }
}

#[derive(Default)]
struct State {
    buf: String,
    /// The last CJK character of the current run, its span, and whether it
    /// already belongs to a bigram.
    cjk: Option<(char, u32, u32, bool)>,
    /// Whether a clause break came before that character.
    cjk_break: bool,
    /// Whether a comma or clause break came before it.
    cjk_pause: bool,
    /// Whether a colon, semicolon or dash came before it.
    cjk_hard: bool,
    /// The character before it in the run, if any.
    cjk_before: Option<char>,
    number: Option<Number>,
    /// The last Latin-script word, folded (for two-word idioms).
    last_word: String,
}

impl State {
    fn feed(&mut self, w: &str, span: TokenSpan, f: &mut impl FnMut(&Term)) {
        let mut chars = w.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if is_cjk(c) {
                // 8万 → 80000: a multiplier right after a number's digits.
                if let (Some(n), Some(m)) = (&mut self.number, cjk_multiplier(c)) {
                    if n.end == span.start && n.digits && n.and.is_none() && n.per.is_none() && !n.percent {
                        n.current = n.total.saturating_add(n.current).saturating_mul(m);
                        n.total = 0;
                        n.end = span.end;
                        n.words += 1;
                        self.flush_number(f);
                        return;
                    }
                }
                self.flush_number(f);
                self.feed_cjk(c, span, f);
                return;
            }
        }
        self.flush_cjk(f);
        // A percent sign or word after a number makes it a percentage:
        // "2%", "2 percent", "two per cent", "2 pct" are all the term "2%".
        if let Some(n) = &mut self.number {
            if n.and.is_none() {
                let unit = match (w, n.per.is_some()) {
                    ("%" | "percent" | "pct", false) => true,
                    ("cent", true) => true,
                    ("per", false) => {
                        n.per = Some(span);
                        return;
                    }
                    _ => false,
                };
                if unit {
                    n.percent = true;
                    n.per = None;
                    n.end = span.end;
                    self.flush_number(f);
                    return;
                }
            }
        }
        if span.number {
            if let Some(n) = &mut self.number {
                // "1,000 200" is two numbers; "twenty 5" too.
                if n.and.is_some() || n.words > 0 {
                    self.flush_number(f);
                }
            }
            let Some(current) = parse_units(w) else {
                // Too long to be a count: a number as written.
                let t = Term::number(w, span.start, span.end, (span.clause_break, span.pause, span.hard_break));
                f(&t);
                return;
            };
            self.number = Some(Number::first_word(current, w, span, true));
            return;
        }
        if let Some(v) = small_number(w) {
            if let Some(n) = &mut self.number {
                // "twenty five", "two hundred (and) fifty": a smaller unit
                // after a ten or a scale joins; anything else starts anew.
                let c = n.current;
                let joins = !n.digits
                    && n.per.is_none()
                    && (c == 0 || (c % (10 * UNIT) == 0 && c % (100 * UNIT) != 0 && v < 10) || (c % (100 * UNIT) == 0 && v < 100));
                if joins {
                    n.current = n.current.saturating_add(u128::from(v) * UNIT);
                    n.counted = true;
                    n.end = span.end;
                    n.words += 1;
                    n.and = None;
                    return;
                }
                self.flush_number(f);
            }
            self.number = Some(Number::first_word(u128::from(v) * UNIT, w, span, false));
            return;
        }
        if let (Some(s), Some(n)) = (scale(w), &mut self.number) {
            if n.and.is_none() && n.per.is_none() {
                // "thousand" alone after "two hundred": the group so far, or one.
                let group = if n.counted { n.current } else { UNIT };
                if s == 100 {
                    n.current = group.saturating_mul(s);
                    n.counted = true;
                } else {
                    n.total = n.total.saturating_add(group.saturating_mul(s));
                    n.current = 0;
                    n.counted = false;
                }
                n.end = span.end;
                n.words += 1;
                return;
            }
        }
        if w == "and" {
            if let Some(n) = &mut self.number {
                if n.words > 1 && n.and.is_none() && n.per.is_none() {
                    n.and = Some(span);
                    return;
                }
            }
        }
        self.flush_number(f);
        self.word(w, span, f);
    }

    fn word(&mut self, w: &str, span: TokenSpan, f: &mut impl FnMut(&Term)) {
        self.buf.clear();
        self.buf.push_str(w);
        stem(&mut self.buf);
        let stop = is_stopword(w) || (self.buf.len() != w.len() && is_stopword(&self.buf));
        // "not only … but", "not just": only after a plain "not" ("can't
        // just sidestep it" still negates).
        let cancels =
            matches!(w, "mistake" | "doubt" | "wonder" | "matter" | "least" | "hesitate" | "hesitation" | "hesitating" | "secret")
                || (matches!(w, "only" | "just" | "merely") && self.last_word == "not");
        // "far from", "rather than", "instead of": the second word sets what
        // follows against the sentence ("instead" alone does not: "did not
        // disband but instead expanded").
        let contrast = is_contrast(w) || matches!((self.last_word.as_str(), w), ("far", "from") | ("rather", "than") | ("instead", "of"));
        f(&Term {
            text: &self.buf,
            start: span.start,
            end: span.end,
            number: false,
            negation: is_negation(w),
            falsity: is_falsity(w) && (!matches!(w, "lie" | "lies") || lie_is_a_noun(&self.last_word)),
            stop,
            cjk: false,
            frame: is_frame(w),
            clause_break: span.clause_break,
            // "not Trump but Massie": a conjunction like "but" starts what a
            // negation before it cannot reach.
            pause: span.pause || matches!(w, "but" | "yet" | "however" | "although" | "though" | "whereas" | "while"),
            hard_break: span.hard_break,
            truth: matches!(w, "true" | "case" | "accurate" | "correct" | "so"),
            cancels_negation: cancels,
            contrast,
            conditional: is_conditional(w),
            reporting: is_reporting(w),
            without: matches!(w, "without" | "unless"),
            reversal: is_reversal(&self.last_word, w),
            whether: w == "whether",
            but: matches!(w, "but" | "yet"),
            auxiliary: is_auxiliary(w),
            sets_right: matches!((self.last_word.as_str(), w), ("in", "fact" | "reality")),
            distorts: is_distortion(w),
        });
        self.last_word.clear();
        self.last_word.push_str(w);
    }

    fn feed_cjk(&mut self, c: char, span: TokenSpan, f: &mut impl FnMut(&Term)) {
        match self.cjk {
            Some((prev, start, end, _)) if end == span.start => {
                self.buf.clear();
                self.buf.push(prev);
                self.buf.push(c);
                let stop = is_cjk_function(prev) || is_cjk_function(c);
                // Questions are not denials: 是否 ("whether") and A不A
                // (要不要, "whether to") hold a 否 or 不 that negates nothing.
                let question = match (self.cjk_before, prev) {
                    (Some('是'), '否') => true,
                    (Some(a), '不' | '没') => a == c,
                    _ => false,
                };
                let negation = is_cjk_negation(prev, c) && !question && !is_cjk_false_negation(prev, c);
                // 经不起推敲 / 经不住检验 ("does not stand up to scrutiny"): 起推, 起检, 起考, 住推… after 不.
                let scrutiny = self.cjk_before == Some('不') && matches!((prev, c), ('起' | '住', '推' | '检' | '檢' | '考'));
                let falsity = is_cjk_falsity(prev, c) || scrutiny;
                let clause_break = self.cjk_break;
                f(&Term {
                    text: &self.buf,
                    start,
                    end: span.end,
                    number: false,
                    negation,
                    falsity,
                    stop: stop && !negation,
                    cjk: true,
                    frame: is_cjk_frame(prev, c),
                    clause_break,
                    pause: self.cjk_pause
                        || matches!((prev, c), ('但', _) | ('而', '是') | ('然', '而') | ('可', '是') | ('虽', '然') | ('雖', '然')),
                    hard_break: self.cjk_hard,
                    truth: false,
                    cancels_negation: false,
                    contrast: is_cjk_contrast(prev, c),
                    conditional: is_cjk_conditional(prev, c),
                    reporting: is_cjk_reporting(prev, c),
                    without: matches!((prev, c), ('除', '非') | ('未', '经' | '經') | ('不', '经' | '經')),
                    reversal: is_cjk_reversal(prev, c),
                    whether: matches!((prev, c), ('是', '否')),
                    but: matches!((prev, c), ('但', _) | ('而', '是') | ('可', '是')),
                    auxiliary: false,
                    // 实际上, 事实上; 其实 opening a clause ("，其实……"; not 提升其实力,
                    // 其实际控制); not 实际控制, 事实证明
                    sets_right: matches!(
                        (self.cjk_before, prev, c),
                        (Some('实' | '實'), '际' | '際', '上') | (Some('事'), '实' | '實', '上')
                    ) || (matches!((prev, c), ('其', '实' | '實')) && self.cjk_pause),
                    // 夸大, 歪曲; 经不起, 禁不起, 经不住
                    distorts: matches!((prev, c), ('夸' | '誇', '大') | ('歪', '曲'))
                        || matches!((self.cjk_before, prev, c), (Some('经' | '經'), '不', '起' | '住') | (Some('禁'), '不', '起')),
                });
                self.cjk_before = Some(prev);
                self.cjk = Some((c, span.start, span.end, true));
                self.cjk_break = false;
                self.cjk_pause = false;
                self.cjk_hard = false;
            }
            _ => {
                self.flush_cjk(f);
                self.cjk_before = None;
                self.cjk = Some((c, span.start, span.end, false));
                self.cjk_break = span.clause_break;
                self.cjk_pause = span.pause;
                self.cjk_hard = span.hard_break;
            }
        }
    }

    /// Ends a CJK run: a character that never joined a bigram is a term.
    fn flush_cjk(&mut self, f: &mut impl FnMut(&Term)) {
        if let Some((c, start, end, false)) = self.cjk.take() {
            self.buf.clear();
            self.buf.push(c);
            let negation = is_cjk_negation(c, ' ');
            f(&Term {
                negation,
                stop: is_cjk_function(c),
                cjk: true,
                ..Term::plain(&self.buf, start, end, (self.cjk_break, self.cjk_pause, self.cjk_hard))
            });
        }
    }

    fn flush_number(&mut self, f: &mut impl FnMut(&Term)) {
        let Some(n) = self.number.take() else { return };
        if n.percent {
            self.buf.clear();
            write_units(n.total.saturating_add(n.current), &mut self.buf);
            self.buf.push('%');
            f(&Term::number(&self.buf, n.start, n.end, (n.clause_break, n.pause, n.hard_break)));
            return;
        }
        if n.words == 1 && n.digits {
            f(&Term::number(&n.first, n.start, n.end, (n.clause_break, n.pause, n.hard_break)));
        } else if n.words == 1 && n.first == "one" {
            self.word(
                "one",
                TokenSpan {
                    start: n.start,
                    end: n.end,
                    number: false,
                    clause_break: n.clause_break,
                    pause: n.pause,
                    hard_break: n.hard_break,
                },
                f,
            );
        } else {
            self.buf.clear();
            write_units(n.total.saturating_add(n.current), &mut self.buf);
            f(&Term::number(&self.buf, n.start, n.end, (n.clause_break, n.pause, n.hard_break)));
        }
        if let Some(span) = n.and {
            self.word("and", span, f);
        }
        if let Some(span) = n.per {
            self.word("per", span, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let mut v = Vec::new();
        terms(s, 0, |t| v.push(t.text.to_string()));
        v
    }

    fn spans(s: &str) -> Vec<(String, u32, u32, bool)> {
        let mut v = Vec::new();
        terms(s, 0, |t| v.push((t.text.to_string(), t.start, t.end, t.number)));
        v
    }

    #[test]
    fn words_are_stemmed_and_flagged() {
        let mut v = Vec::new();
        terms("The bills were not introduced", 0, |t| v.push((t.text.to_string(), t.stop, t.negation)));
        assert_eq!(
            v,
            [
                ("the".into(), true, false),
                ("bill".into(), false, false),
                ("wer".into(), true, false),
                ("not".into(), false, true),
                ("introduc".into(), false, false),
            ]
        );
    }

    #[test]
    fn percentages_keep_their_unit() {
        for t in ["2%", "2 %", "2 percent", "two per cent", "2 pct", "two percent", "2％"] {
            assert_eq!(texts(t), ["2%"], "{t}");
        }
        assert_eq!(texts("3.5% of GDP"), ["3.5%", "of", "gdp"]);
        assert_eq!(texts("one percent"), ["1%"]);
        assert_eq!(texts("2 per capita"), ["2", "per", "capita"]);
        assert_eq!(texts("2 allies"), ["2", "ally"]);
        assert_eq!(texts("百分之 5%"), ["百分", "分之", "5%"]);
    }

    #[test]
    fn a_cjk_multiplier_after_digits_scales_the_number() {
        assert_eq!(texts("8万名美军"), ["80000", "名美", "美军"]);
        assert_eq!(texts("1.5亿"), ["150000000"]);
        assert_eq!(texts("万人"), ["万人"]);
    }

    #[test]
    fn number_words_become_digits() {
        assert_eq!(texts("two hundred posts"), ["200", "post"]);
        assert_eq!(texts("eighty thousand troops"), ["80000", "troop"]);
        assert_eq!(texts("thirty-two nations"), ["32", "nation"]);
        assert_eq!(texts("two hundred and fifty jobs"), ["250", "job"]);
        assert_eq!(texts("1.5 million people"), ["1500000", "peopl"]);
        assert_eq!(texts("80 thousand"), ["80000"]);
        assert_eq!(texts("twenty twenty"), ["20", "20"]);
        assert_eq!(texts("two hundred and the rest"), ["200", "and", "the", "rest"]);
        assert_eq!(texts("seven 200"), ["7", "200"]);
        assert_eq!(texts("2.25 billion"), ["2250000000"]);
        assert_eq!(texts("0.0005 million"), ["500"]);
        let long = "99999999999999999999999999999999999999999";
        assert_eq!(texts(&format!("{long} million")), [long, "million"], "too long to count: kept as written");
        assert_eq!(texts(long), [long]);
        assert_eq!(texts("0 million"), ["0"]);
        assert_eq!(texts("two hundred thousand"), ["200000"]);
        // Sums that would overflow saturate instead of panicking.
        let big = "three hundred forty hundred twenty eight hundred ".repeat(8) + "seventeen hundred ninety nine";
        assert!(!texts(&big).is_empty());
    }

    #[test]
    fn digits_stay_as_written_and_one_stays_a_word() {
        assert_eq!(texts("in 2025 about 3.5 percent"), ["in", "2025", "about", "3.5%"]);
        assert_eq!(texts("one of the allies"), ["one", "of", "the", "ally"]);
        assert_eq!(texts("one hundred"), ["100"]);
    }

    #[test]
    fn number_spans_cover_all_their_words() {
        assert_eq!(
            spans("cut two hundred posts"),
            [("cut".into(), 0, 3, false), ("200".into(), 4, 15, true), ("post".into(), 16, 21, false),]
        );
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        assert_eq!(texts("美国退出北约"), ["美国", "国退", "退出", "出北", "北约"]);
        assert_eq!(spans("美国")[0], ("美国".into(), 0, 2, false));
        // A lone ideograph stays a unigram; a break ends the run.
        assert_eq!(texts("NATO 美 US"), ["nato", "美", "us"]);
        assert_eq!(texts("北约，美国"), ["北约", "美国"]);
        assert_eq!(texts("美国200个职位"), ["美国", "200", "个职", "职位"]);
    }

    #[test]
    fn cjk_negation_and_function_bigrams() {
        let mut v = Vec::new();
        terms("美国没有退出的计划", 0, |t| v.push((t.text.to_string(), t.negation, t.stop)));
        let neg: Vec<&str> = v.iter().filter(|t| t.1).map(|t| t.0.as_str()).collect();
        assert_eq!(neg, ["没有"], "one negation per negating character");
        let negations = |s: &str| {
            let mut n = Vec::new();
            terms(s, 0, |t| {
                if t.negation {
                    n.push(t.text.to_string())
                }
            });
            n
        };
        assert!(negations("美国是否退出北约").is_empty(), "是否 asks, it does not deny");
        assert!(negations("美国要不要退出北约").is_empty(), "A不A asks");
        assert_eq!(negations("美国不要退出北约"), ["不要"]);
        assert!(negations("北约不断扩张，未来非常危险，非洲也是").is_empty(), "不断, 未来, 非常, 非洲 negate nothing");
        let stop: Vec<&str> = v.iter().filter(|t| t.2).map(|t| t.0.as_str()).collect();
        assert_eq!(stop, ["出的", "的计"]);
    }

    #[test]
    fn a_lie_calls_false_but_lying_in_does_not() {
        let falsities = |s: &str| {
            let mut n = Vec::new();
            terms(s, 0, |t| {
                if t.falsity {
                    n.push(t.text.to_string())
                }
            });
            n
        };
        assert_eq!(falsities("That NATO is obsolete is a lie."), ["lie"]);
        assert_eq!(falsities("Claims that NATO is obsolete are lies."), ["lie"]);
        assert!(falsities("The weakness lies in intelligence, where Europe relies on the U.S.").is_empty());
        assert!(falsities("Europe's future lies with NATO.").is_empty());
    }
}
