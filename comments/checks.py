"""The layered spam, abuse and health-safety checks every new or edited comment goes through.

Each check looks at one :class:`Submission` and returns :class:`Finding` s: a reason code
moderators see, a readable message, a spam score and what it asks for (hold, reject,
urgent).  :func:`assess` adds them up and decides the comment's status.  The checks are
plain functions in :data:`CHECKS`, so one can be added, removed or tested on its own.

Before any check runs, the comment is normalised (comments/spam/normalise.py): look-alike
letters, hidden characters and spaced-out words are undone and links are found in every
form, so a disguise hides nothing from a check.  After the rule checks, the statistical
spam filter (comments/spam/), which learns from the moderators' decisions, adds its points
to the same score.  Crisis triage and the personal-data guard stay rules, and they win:
such a comment always waits for a person, however spammy it scores.
"""

import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Comment
from .spam import features, normalise, scoring, store
from .spam.tasks import recorded as spam_decisions_recorded  # noqa: F401

# ``services.moderate()`` calls ``checks.spam_decisions_recorded(count)`` after each
# moderation: every decision is a label, and every 20 queue a retraining (comments/spam/).

logger = logging.getLogger(__name__)

STRAIGHT_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})

HOLD = "hold"
REJECT = "reject"
URGENT = "urgent"
NOTE = "note"  # recorded for moderators; asks for nothing by itself

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PHONE_RE = re.compile(r"(?<![\w/])\+?\d[\d\s().-]{7,}\d(?![\w/])")
# Unambiguous street words match in any case ("12 acacia avenue"); abbreviations and words
# with other meanings only after capitalised names ("3 Baker St" yes, "3 weeks my Dr" no).
STREET_RES = [
    re.compile(
        r"\b\d{1,5}[a-zA-Z]?,?\s+(?:[\w'-]+\s+){1,3}"
        r"(?:street|road|avenue|lane|boulevard|crescent|terrace|drive|strasse|straße)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b\d{1,5}[a-zA-Z]?,?\s+(?:[A-Z][\w'-]*\s+){1,3}"
        r"(?:St|Rd|Dr|Ave|Ln|Blvd|Ct|Pl|Way|Court|Close|Place)\b"
    ),
]

# Medicines most often named by pharmacy spam, and by readers asking honest questions:
# naming one is never a problem on its own; with a link it is held for a human.
DRUG_NAMES = (
    "viagra|cialis|levitra|sildenafil|tadalafil|vardenafil|tramadol|oxycodone|oxycontin|"
    "hydrocodone|fentanyl|codeine|morphine|xanax|alprazolam|valium|diazepam|ativan|lorazepam|"
    "klonopin|clonazepam|ambien|zolpidem|adderall|modafinil|provigil|phentermine|soma|"
    "carisoprodol|gabapentin|pregabalin|lyrica|ozempic|semaglutide|wegovy|tirzepatide|"
    "mounjaro|finasteride|propecia|accutane|isotretinoin|ivermectin|hydroxychloroquine|"
    "clomid|nolvadex|anavar|steroids?|antibiotics?|amoxicillin|azithromycin|"
    "methadone|buprenorphine|suboxone|naltrexone|naloxone|sertraline|fluoxetine|"
    "metformin|insulin|painkillers?|sleeping pills?"
)
DRUG_RE = re.compile(rf"\b(?:{DRUG_NAMES})\b", re.IGNORECASE)
DOSE_RE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|μg|ug|ml|iu|units?|tablets?|pills?|caps(?:ules)?)\b",
    re.IGNORECASE,
)

# Pharmacy, casino and SEO spam: each pattern adds to the score; several together cross
# the spam threshold, one alone only holds the comment.  They are hints beside the
# statistical filter, which weighs the whole comment: a health site's readers write about
# gambling, payday loans and online pharmacies as harms, so no topic word alone is worth much.
SPAM_PATTERNS = [
    (re.compile(r"\bbuy\b.{0,60}\bonline\b", re.I | re.S), 5, _("“buy … online”")),
    (re.compile(r"\b(?:no|without)\s+(?:a\s+)?prescription\b", re.I), 5, _("no prescription")),
    (re.compile(r"\b(?:cheap|discount|lowest prices?|best prices?)\b", re.I), 3, _("price bait")),
    (re.compile(r"\b(?:order now|click here|visit (?:my|our) (?:site|shop|store))\b", re.I), 3,
     _("call to buy")),
    (re.compile(r"\b(?:casino|betting|poker|slots?|jackpot|payday loans?|crypto ?currency "
                r"investment|forex)\b", re.I), 5, _("gambling or loans")),
    (re.compile(r"\b(?:backlinks?|seo services?|guest post|link building|rank(?:ing)? your "
                r"(?:site|website))\b", re.I), 5, _("SEO spam")),
    (re.compile(r"\b(?:discreet|worldwide) (?:shipping|delivery)\b", re.I), 4, _("shipping bait")),
    (re.compile(r"(?:shop|store|pharmacy|pills?|meds|rx)[\w-]*\.[a-z]{2,}|/shop\b", re.I), 2,
     _("shop link")),
]  # fmt: skip
PRAISE_RE = re.compile(
    r"^\W*(?:great|nice|good|awesome|amazing|excellent|thanks?|thank you|wonderful|informative|"
    r"useful|helpful)\b[\w\s!,.']{0,60}$",
    re.IGNORECASE,
)

CRISIS_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting)\s+myself\b",
        r"\bend(?:ing)?\s+(?:it\s+all|my\s+life|things)\b",
        r"\b(?:want|wanted|going|plan|planning)\s+to\s+die\b",
        r"\b(?:i'?m|i am|i feel|feeling|i've been|been)\s+(?:so\s+|very\s+|really\s+)?suicidal\b",
        r"\bsuicidal\s+(?:thoughts|feelings|again)\b",
        r"\b(?:thinking|thought)\s+(?:about|of)\s+(?:suicide|killing myself|ending it)\b",
        r"\b(?:commit|committing|attempt|attempting)\s+suicide\b",
        r"\b(?:i'?m|i am|i've been|been|started|keep|my)\s+self[-\s]?harm(?:ing)?\b",
        r"\b(?:don'?t|do not|no longer)\s+want\s+to\s+(?:live|be here|wake up)\b",
        r"\b(?:i|i'?ve|i have|i just)\s+(?:took|taken|swallowed)\s+(?:too many|all (?:my|the)|a "
        r"whole (?:bottle|packet))\b",
        r"\b(?:i'?m|i am)\s+overdos(?:ing|ed)\b",
    )
]


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    score: int = 0
    action: str = HOLD
    kinds: tuple = ()  # what personal data was found, for the commenter's notice

    def as_reason(self):
        return {"code": self.code, "message": str(self.message), "score": self.score}


@dataclass
class Submission:
    """What a check may look at: the comment as typed, and where it came from."""

    article: object
    name: str
    email: str
    body: str
    website: str = ""
    ip_address: str | None = None
    user_agent: str = ""
    honeypot: str = ""
    form_age: float | None = None  # seconds since the form was served; None if unknown
    form_signature_ok: bool = True
    discussion: object = None  # DiscussionSettings

    normal: normalise.Normalised = field(init=False, repr=False)
    normal_name: normalise.Normalised = field(init=False, repr=False)

    def __post_init__(self):
        # Phones and word processors type curly apostrophes; the patterns expect straight.
        self.body = str(self.body or "").translate(STRAIGHT_QUOTES)
        self.name = str(self.name or "").translate(STRAIGHT_QUOTES)
        self.website = str(self.website or "")
        self.normal = normalise.normalise(self.body)
        self.normal_name = normalise.normalise(self.name)

    @property
    def text(self):
        """As typed; what Akismet is sent."""
        return f"{self.name}\n{self.website}\n{self.body}"

    @property
    def clean_text(self):
        """Normalised: what the pattern checks read."""
        return f"{self.normal_name.text}\n{self.website}\n{self.normal.text}"

    @property
    def links(self):
        return self.normal.links

    @property
    def all_links(self):
        """Links in the body and the name, and the website field."""
        website = normalise.website_link(self.website)
        return [*self.normal.links, *self.normal_name.links, *([website] if website else [])]


@dataclass
class Assessment:
    findings: list = field(default_factory=list)
    score: int = 0
    status: str = Comment.Status.PENDING
    urgent: bool = False
    rejected_message: str = ""

    @property
    def reasons(self):
        return [finding.as_reason() for finding in self.findings]

    @property
    def held(self):
        return any(f.action in (HOLD, URGENT) for f in self.findings)


def check_honeypot(sub):
    if sub.honeypot.strip():
        yield Finding("honeypot", _("A field hidden from people was filled in (a bot)."), 100)


def check_form_timing(sub):
    if not sub.form_signature_ok or sub.form_age is None:
        yield Finding("form_token", _("The form's timestamp was missing or altered."), 4)
    elif sub.form_age < settings.PULSE_COMMENT_MIN_SECONDS:
        yield Finding(
            "too_fast",
            _("Posted %(seconds).0f s after the page loaded: faster than a person types.")
            % {"seconds": sub.form_age},
            4,
        )
    elif sub.form_age > settings.PULSE_COMMENT_FORM_MAX_AGE:
        yield Finding("stale_form", _("The form was more than a day old."), 3)


def check_links(sub):
    links = sub.links
    limit = sub.discussion.max_links
    if len(links) > limit:
        yield Finding(
            "links",
            _("%(count)d links (more than %(limit)d).") % {"count": len(links), "limit": limit},
            2 + len(links) - limit,
        )
    rest = sub.normal.text_without_links
    words = re.findall(r"\w+", rest)
    if links and (len(words) <= 3 or PRAISE_RE.match(rest)):
        yield Finding("link_praise", _("Short praise with a link."), 5)


def check_disguise(sub):
    tricks = sub.normal.tricks | sub.normal_name.tricks
    if tricks:
        yield Finding(
            "disguised",
            _("Written to slip past filters: %(tricks)s.")
            % {"tricks": ", ".join(sorted(str(TRICKS.get(t, t)) for t in tricks))},
            3,
        )


TRICKS = {
    normalise.HIDDEN_CHARACTERS: _("hidden characters inside words"),
    normalise.LOOK_ALIKE_LETTERS: _("look-alike letters from other alphabets"),
    normalise.SPACED_LETTERS: _("letters spaced out or split"),
    normalise.STACKED_MARKS: _("stacked accent marks"),
    normalise.STYLED_LETTERS: _("“fancy” bold, circled or full-width letters"),
    normalise.SPELLED_OUT_LINK: _("a link spelled out (“dot com”)"),
}


def check_blocklists(sub):
    discussion = sub.discussion
    action = REJECT if discussion.blocklist_action == discussion.BlockAction.REJECT else HOLD
    score = 5 if action == REJECT else 0
    lowered = f"{sub.text}\n{sub.clean_text}".casefold()
    for word in discussion.blocked_word_list:
        if re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", lowered):
            yield Finding("blocked_word", _("Contains a blocked word: %(word)s") % {"word": word},
                          score, action)  # fmt: skip
            break
    email = sub.email.casefold()
    if email in discussion.blocked_email_list:
        yield Finding("blocked_email", _("The email address is blocked."), score, action)
    domain = email.rpartition("@")[2]
    linked_domains = {link.host for link in sub.all_links}
    for blocked in discussion.blocked_domain_list:
        if (
            domain == blocked
            or domain.endswith("." + blocked)
            or any(d == blocked or d.endswith("." + blocked) for d in linked_domains)
        ):
            yield Finding("blocked_domain", _("Uses a blocked domain: %(domain)s")
                          % {"domain": blocked}, score, action)  # fmt: skip
            break
    if sub.ip_address and sub.ip_address in discussion.blocked_ip_list:
        yield Finding("blocked_ip", _("Sent from a blocked IP address."), score, action)


def check_spam_patterns(sub):
    text = sub.clean_text
    matched = [(score, label) for pattern, score, label in SPAM_PATTERNS if pattern.search(text)]
    if matched:
        # Selling something *and* linking to it is what spam does; either alone may be a
        # reader's question.
        link_bonus = 2 if sub.all_links else 0
        yield Finding(
            "spam_pattern",
            _("Looks like commercial spam: %(labels)s")
            % {"labels": ", ".join(str(label) for _score, label in matched)},
            sum(score for score, _label in matched) + link_bonus,
        )


def check_crisis(sub):
    # As typed and as normalised: a disguise must not hide someone at risk either.
    texts = (sub.body, sub.normal.text)
    if any(pattern.search(text) for pattern in CRISIS_PATTERNS for text in texts):
        yield Finding(
            "crisis", _("Crisis language: someone may be at risk. Review urgently."), 0, URGENT
        )


def personal_data_kinds(text):
    """The kinds of personal data in ``text``: email address, phone number, street address."""
    found = []
    if EMAIL_RE.search(text):
        found.append(_("an email address"))
    if any(sum(c.isdigit() for c in m) >= 9 for m in PHONE_RE.findall(text)):
        found.append(_("a phone number"))
    if any(pattern.search(text) for pattern in STREET_RES):
        found.append(_("a street address"))
    return found


def check_personal_data(sub):
    found = personal_data_kinds(sub.body) or personal_data_kinds(sub.normal.text)
    if found:
        yield Finding(
            "personal_data",
            _("Contains personal data: %(kinds)s.") % {"kinds": ", ".join(map(str, found))},
            kinds=tuple(found),
        )


def personal_data_notice(assessment):
    """What to tell, at once and in plain words, a commenter whose comment is held because
    it contains personal data; "" when it is not.  Editing goes back through the checks."""
    finding = next((f for f in assessment.findings if f.code == "personal_data"), None)
    if finding is None:
        return ""
    return gettext(
        "Your comment is waiting for a moderator because it seems to contain %(kinds)s. "
        "Comments are public, so anyone could see it. You can edit your comment to take "
        "it out, and it will be checked again."
    ) % {"kinds": gettext(" and ").join(map(str, finding.kinds))}


def check_medical_links(sub):
    text = sub.normal.text
    if sub.links and (DRUG_RE.search(text) or DOSE_RE.search(text)):
        yield Finding("medicine_link", _("Names a medicine or a dose together with a link."), 1)


def check_akismet(sub):
    """Ask Akismet when a key is configured.  If it cannot answer, hold: never lose the
    comment and never fail the request because a third party is down."""
    key = settings.PULSE_AKISMET_API_KEY
    if not key:
        return
    try:
        import akismet

        config = akismet.Config(key=key, url=settings.PULSE_AKISMET_SITE_URL)
        with akismet.SyncClient.validated_client(config=config) as client:
            result = client.comment_check(
                user_ip=sub.ip_address or "127.0.0.1",
                user_agent=sub.user_agent,
                comment_type="comment",
                comment_author=sub.name,
                comment_author_email=sub.email,
                comment_author_url=sub.website,
                comment_content=sub.body,
            )
    except Exception:
        logger.warning("Akismet could not be reached; holding the comment", exc_info=True)
        yield Finding("akismet_down", _("Akismet could not be reached; held to be safe."))
        return
    if result == akismet.CheckResponse.DISCARD:
        yield Finding("akismet", _("Akismet: blatant spam."), 20)
    elif result == akismet.CheckResponse.SPAM:
        yield Finding("akismet", _("Akismet: spam."), 10)


def spam_filter_findings(sub, findings, classifier=None):
    """The statistical filter's say, given the rule findings: points and the words and
    domains that weighed most when it smells spam; a few points off when the rules alone
    would send to Spam a comment that reads like a reader's.  Never raises: without a
    filter, the rules decide."""
    try:
        classifier = classifier or store.current()
        signals = tuple(f.code for f in findings if f.code in features.FORM_SIGNALS)
        item = features.Sample(sub.normal, sub.normal_name,
                               normalise.website_link(sub.website), signals)  # fmt: skip
        probability = classifier.probability(item)
        rules = sum(f.score for f in findings)
        points = scoring.filter_points(probability, rules, sub.discussion.spam_threshold,
                                       bare=features.is_bare(item))  # fmt: skip
        if points > 0:
            spammy, _real = classifier.weighed(item)
            yield Finding(
                scoring.SPAM_FILTER,
                _("Spam filter: %(percent)d%% likely spam. Weighed most: %(words)s.")
                % {"percent": probability * 100, "words": _listing(spammy)},
                points,
            )
        elif points < 0:
            # Only where it matters: the rules alone would file a reader's comment as spam.
            _spammy, real = classifier.weighed(item)
            yield Finding(
                scoring.READS_REAL,
                _("Spam filter: only %(percent)d%% likely spam; reads like a reader: %(words)s.")
                % {"percent": probability * 100, "words": _listing(real)},
                points,
                NOTE,
            )
    except Exception:
        logger.exception("The spam filter failed; the rule checks decide alone")


def _listing(weighed):
    return ", ".join(label for label, _weight in weighed) or "—"


CHECKS = [
    check_honeypot,
    check_form_timing,
    check_links,
    check_disguise,
    check_blocklists,
    check_spam_patterns,
    check_crisis,
    check_personal_data,
    check_medical_links,
    check_akismet,
]


def assess(sub, *, known_commenter=False, classifier=None):
    """Run every check and decide the status: rejected, spam, pending or approved.

    ``classifier`` replaces the stored spam filter (benchmarks and tests)."""
    discussion = sub.discussion
    assessment = Assessment()
    for check in CHECKS:
        assessment.findings.extend(check(sub))
    assessment.findings.extend(spam_filter_findings(sub, assessment.findings, classifier))
    assessment.score = sum(finding.score for finding in assessment.findings)
    assessment.urgent = any(f.action == URGENT for f in assessment.findings)
    protected = any(f.code in scoring.PROTECTED for f in assessment.findings)
    rejects = [f for f in assessment.findings if f.action == REJECT]
    if rejects:
        assessment.status = Comment.Status.REJECTED
    elif scoring.goes_to_spam(assessment.score, discussion.spam_threshold, protected):
        assessment.status = Comment.Status.SPAM
    elif assessment.held or assessment.score > 0:
        assessment.status = Comment.Status.PENDING
    elif discussion.moderation == discussion.Moderation.PUBLISH_UNLESS_FLAGGED or (
        discussion.moderation == discussion.Moderation.KNOWN_COMMENTERS and known_commenter
    ):
        assessment.status = Comment.Status.APPROVED
    else:
        assessment.status = Comment.Status.PENDING
    return assessment
