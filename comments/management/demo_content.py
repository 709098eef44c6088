"""Original demo content for Pulse, loaded by ``manage.py seed_demo``.

Everything in this module was written by the Pulse team for demonstration purposes. The people,
comments and recovery stories are fictional; any resemblance to real individuals is coincidental.
The health information aims to be accurate and careful, but it is demo copy, not medical advice.

The module is pure data (no Django imports) so it can be imported and checked without settings:

* ``CATEGORIES`` and ``AUTHORS`` are referenced from articles by ``slug``.
* ``ARTICLES[0]`` is the long flagship article; article bodies are Markdown without a level-1
  heading, because the page title is rendered as the ``<h1>``.
* ``days_ago`` is an article's age at seed time; ``hours_after`` on a comment counts from the
  article's publication and stays below ``days_ago * 24``, so no comment lands in the future.
* ``THREAD`` is the nested, approved discussion on the flagship article (18 comments in total);
  ``hours_after`` increases strictly in depth-first document order.
* ``PENDING`` and ``SPAM`` are flagship comments for the moderation queue.
* ``SECOND_ARTICLE_THREAD`` holds a few flat, approved comments for ``ARTICLES[1]``.
"""

__all__ = [
    "ARTICLES",
    "AUTHORS",
    "CATEGORIES",
    "PENDING",
    "SECOND_ARTICLE_THREAD",
    "SPAM",
    "THREAD",
]

CATEGORIES = [
    {
        "name": "Mental Health",
        "slug": "mental-health",
        "description": (
            "Mood, stress, sleep, trauma and addiction: clear, compassionate explainers on the "
            "mind and the support that helps."
        ),
    },
    {
        "name": "Medications",
        "slug": "medications",
        "description": (
            "How medicines work, how to take them safely, and how to get the most from your "
            "pharmacist and prescriber."
        ),
    },
    {
        "name": "Nutrition",
        "slug": "nutrition",
        "description": (
            "Evidence-based eating for everyday health, without fads, miracle foods or guilt."
        ),
    },
    {
        "name": "Men's Health",
        "slug": "mens-health",
        "description": (
            "Hormones, heart health, strength and the conversations men often put off having "
            "with their doctor."
        ),
    },
]

AUTHORS = [
    {
        "name": "Mireille Achterberg",
        "slug": "mireille-achterberg",
        "credentials": "MD",
        "bio": (
            "Mireille is a consultant psychiatrist specialising in addiction and trauma, with "
            "more than fifteen years of experience in community and inpatient services. She "
            "teaches trauma-informed practice to clinical teams and is particularly interested in "
            "how services can keep people engaged in care. Outside work she is a keen open-water "
            "swimmer."
        ),
        "website": "https://example.org/authors/mireille-achterberg",
        "colour": "#2a6f97",
    },
    {
        "name": "Theo Vandermeer",
        "slug": "theo-vandermeer",
        "credentials": "PharmD, MPH",
        "bio": (
            "Theo is a clinical pharmacist with a background in public health. He has worked in "
            "community and hospital pharmacy and now focuses on medicines safety and on helping "
            "people understand their prescriptions. He firmly believes no question about a "
            "medicine is too small to ask."
        ),
        "website": "https://example.org/authors/theo-vandermeer",
        "colour": "#7b2d26",
    },
    {
        "name": "Sunniva Okafor-Reyes",
        "slug": "sunniva-okafor-reyes",
        "credentials": "RD, MSc",
        "bio": (
            "Sunniva is a registered dietitian with a master's degree in public health nutrition. "
            "She has worked in cardiac rehabilitation and primary care, and writes about "
            "practical, evidence-based eating that fits real lives and real budgets. She is wary "
            "of any food described as a superfood."
        ),
        "website": "https://example.org/authors/sunniva-okafor-reyes",
        "colour": "#3a7d44",
    },
]

# ---------------------------------------------------------------------------------------------
# Article bodies (Markdown). Kept at module level, unindented, so lists and tables render as-is.
# ---------------------------------------------------------------------------------------------

_FLAGSHIP_BODY = """\
When people talk about opioid addiction, the conversation usually starts with the drug: how \
potent it is, how quickly tolerance builds, how punishing withdrawal can be. Those things matter. \
But clinicians who work in addiction services tend to notice something else in the histories \
their patients share. A striking number describe experiences of violence, neglect, loss or fear \
that happened long before they ever took an opioid.

That does not mean trauma inevitably leads to addiction, or that everyone with an opioid problem \
has a traumatic past. Most people who live through hard things never develop a substance use \
disorder, and addiction can arise in people whose early lives were relatively calm. What the \
research does show, fairly consistently, is that trauma raises the risk, shapes the way \
dependence develops, and changes what recovery needs to look like.

In this article we look at where that connection begins, why it can keep people stuck, how to \
recognise when someone may be struggling, and which treatments have good evidence behind them. \
Throughout, we use the term *opioid use disorder* (OUD), the clinical name for what most people \
call opioid addiction.

## Where the roots of dependence lie

Addiction rarely has a single cause. Genes, mental health, social circumstances, the availability \
of drugs and plain chance all play a part. Trauma is one thread in that web, but for many people \
it is a thick one.

### Adverse childhood experiences

Researchers use the term *adverse childhood experiences*, or ACEs, for a group of difficult \
events before the age of 18: physical, emotional or sexual abuse; neglect; growing up with a \
parent who had a mental illness or a substance problem; violence between adults at home; \
parental separation; or a family member being sent to prison. Large population studies have \
found that the more of these experiences a person reports, the higher their risk of a wide range \
of later health problems, substance use disorders among them.

The relationship appears to be graded rather than all-or-nothing. Someone who reports one ACE is \
at somewhat higher risk than someone who reports none; someone who reports four or more is at \
considerably higher risk. Part of the explanation is thought to lie in how prolonged stress in \
childhood affects the developing brain, particularly the systems that regulate stress hormones, \
reward and impulse control. A child who grows up on constant alert can reach adulthood with a \
nervous system tuned for threat and short on ways to settle itself.

### Stress in adult life

Trauma is not confined to childhood. Combat, assault, serious accidents, sudden bereavement, \
abuse by a partner and the experience of disasters can all leave lasting marks. Post-traumatic \
stress disorder (PTSD), which involves intrusive memories, avoidance, shifts in mood and a \
persistent sense of being on edge, is markedly more common among people seeking treatment for \
OUD than in the general population.

Adult trauma can also meet opioids through a medical route. A person injured in a crash or an \
attack may be prescribed opioid pain relief at the very moment they are coping with shock, fear \
and broken sleep. If the tablets ease emotional distress as well as physical pain, they can \
quietly start to serve a purpose they were never prescribed for.

### The cycle of emotional numbing

Opioids do more than dull pain. Many people describe the effect as a warm, heavy calm, a sense \
that nothing can reach them. For someone living with hypervigilance, flashbacks or a constant \
undercurrent of shame, that relief can feel profound, sometimes like the first real rest in years.

The difficulty is that the relief is borrowed. As tolerance develops, more is needed for the \
same effect, and between doses the body's stress systems rebound. Withdrawal brings anxiety, \
irritability, poor sleep and low mood, symptoms that overlap heavily with trauma responses. A \
person can end up using opioids to quieten distress that the opioids themselves are now \
amplifying. This loop of numbing, rebound and renewed use is one reason why treating addiction \
without attention to trauma so often falls short.

## How trauma sustains dependence

Understanding why someone started using is only part of the picture. For people with trauma \
histories, several factors can make it harder to stop and easier to return to use.

### Triggers, avoidance and relapse

Traumatic memories are often bound up with sensory cues: a smell, a tone of voice, a time of \
year, a particular street. When those cues appear, the body may react as if the danger were \
happening again. For someone in early recovery, such moments can bring a sudden, intense urge to \
use, because opioids have become the fastest learned route out of that state.

Avoidance, a core feature of PTSD, can also work against recovery. Treatment involves talking \
about painful things, forming new relationships with clinicians and peers, and tolerating \
discomfort. Someone whose survival once depended on staying guarded may find these demands \
overwhelming, and may drift away from care even when part of them wants it.

The table below gives a sense of how common trauma is among people in treatment. The figures \
are illustrative ranges of the kind reported across different studies and settings, not precise \
statistics; they vary widely with the population studied and with how trauma was measured.

| Experience reported | Share of people in OUD treatment (illustrative range) \
| Compared with the general population |
|---|---|---|
| At least one adverse childhood experience | Roughly 70–90% | Considerably higher |
| Four or more adverse childhood experiences | Roughly 30–50% | Several times higher |
| PTSD at some point in life | Roughly 25–50% | Several times higher |
| Physical or sexual violence in adulthood | Often around half or more | Substantially higher |

Whatever the exact numbers in a given clinic, the practical lesson is the same: services should \
assume that trauma may be part of a person's story and design care with that in mind.

## Recognising the signs

Because trauma and opioid use so often travel together, their signs can blur into one another. \
The four areas below are worth paying attention to, whether you are worried about yourself or \
about someone close to you. None of them proves anything on its own, but a cluster of changes is \
a good reason to start a gentle conversation.

### Physical changes

Very small pupils, drowsiness or "nodding off", slowed breathing, constipation and noticeable \
changes in weight or appetite can all point to opioid use. During withdrawal the picture \
reverses: sweating, a runny nose, yawning, goosebumps, aching muscles, stomach cramps and \
diarrhoea. Disturbed sleep is common to both opioid use and trauma.

### Emotional and psychological changes

Look out for sharp swings in mood, emotional flatness, rising anxiety, or irritability and \
outbursts that seem out of proportion. People carrying unresolved trauma may also seem jumpy, \
easily startled or strangely detached, as if watching their own life from a distance.

### Behavioural changes

Pulling away from friends and activities, secrecy about where time or money goes, missing work \
or college, running out of prescribed medicine early, or seeking prescriptions from several \
clinicians are all common warning signs. So is steering clear of particular places, people or \
topics that may be linked to past trauma.

### Changes in relationships

Trust is often the first casualty. Loved ones may notice more conflict, broken promises, or a \
sense that the person has become unreachable. It helps to remember that these patterns are \
usually a symptom of distress, not a measure of how much someone cares. Approaching the \
conversation with curiosity rather than accusation makes it more likely that the person will \
open up.

## Treatment approaches that work

Opioid use disorder is treatable, and outcomes tend to be better when care addresses both the \
substance use and the trauma underneath it. The approaches below have the strongest evidence, \
and they are frequently combined.

1. **Medication for opioid use disorder** — Methadone and buprenorphine reduce cravings and \
withdrawal and are linked to a substantially lower risk of dying from an overdose; \
extended-release naltrexone is another option for some people. Medication is not "swapping one \
drug for another": it steadies the brain's chemistry so that the rest of recovery becomes \
possible.
2. **Trauma-focused psychotherapy** — Approaches such as prolonged exposure, cognitive \
processing therapy and eye movement desensitisation and reprocessing (EMDR) help people work \
through traumatic memories so that those memories lose some of their grip. Growing evidence \
suggests that, with good support, these therapies can often be offered alongside addiction \
treatment rather than postponed for months.
3. **Integrated treatment programmes** — Models in which one team treats PTSD and substance use \
together tend to keep people engaged better than sending them back and forth between separate \
services. Some focus first on coping skills for the present before any detailed work on the past.
4. **Cognitive behavioural and skills-based therapies** — Cognitive behavioural therapy (CBT) and \
dialectical behaviour therapy (DBT) teach practical ways to ride out cravings, tolerate distress \
and regulate emotions without reaching for opioids.
5. **Peer support and community connection** — Mutual-aid groups, peer recovery workers and \
community programmes reduce isolation and offer hope from people who have walked a similar path. \
For many, connection is the antidote to the loneliness that trauma and addiction both create.

Naloxone also deserves a mention. It is not a treatment for addiction, but it can reverse an \
opioid overdose, and anyone who uses opioids, or lives with someone who does, should ideally \
have it to hand and know how to use it.

## Trauma-informed care

Trauma-informed care is not a particular therapy but a way of running services. It starts from \
the question "What happened to you?" rather than "What is wrong with you?", and it aims to avoid \
re-traumatising people in the very process of helping them. Its core principles include:

- **Safety:** Physical and emotional safety come first, from the waiting room to the way \
difficult subjects are raised.
- **Trustworthiness and transparency:** Decisions and procedures are explained clearly, and staff \
do what they say they will do.
- **Choice and collaboration:** People are partners in their own care, with a real say over the \
goals and pace of treatment.
- **Empowerment:** Services build on a person's strengths, and on the resilience it took to \
survive what they have been through.
- **Cultural humility:** Care recognises how culture, identity, gender and history shape both \
trauma and healing, and adapts accordingly.

The same principles work at home. Ultimatums and shaming rarely help; steady support with clear, \
kind boundaries usually does far better.

## Stories of recovery

The two accounts below are composites written to illustrate common patterns. They do not \
describe any real person, and all names and details are invented.

### Daniel: learning to live alongside memories

Daniel was prescribed opioids after an accident at work in his early thirties. He soon noticed \
that the tablets eased not only his back pain but also the nightmares he had carried since a \
violent childhood, and when the prescription ended he found other supplies. After a frightening \
overdose, which he survived because a friend carried naloxone, he started buprenorphine. Once \
his life felt steadier, he was referred to a therapist trained in cognitive processing therapy. \
The first months were hard going. Two years on, he describes his memories as "still there, but \
no longer in charge".

### Leila: rebuilding trust, slowly

Leila grew up in a home where both parents drank heavily and arguments were constant. She began \
using heroin in her late teens. Several attempts at detox ended in relapse, partly because she \
found group settings unbearable and kept leaving early. What changed things was an integrated \
programme in which a single team worked on her PTSD and her opioid use together and let her set \
the pace. She now works part-time as a peer support worker, and says the most useful thing \
anyone ever told her was that her reactions made sense given what she had lived through.

## Where to find help

If this article has stirred up difficult feelings, or you recognise yourself or someone you love \
in it, you do not have to work out the next step alone. A family doctor, a pharmacist, or a local \
addiction or mental health service can talk through the options in confidence, including \
medication and therapy. Many countries also have free, confidential helplines for drug use and \
for mental health, as well as round-the-clock crisis lines; your national health service's \
website is a good place to find the right contact for where you live.

If someone has taken opioids and is very drowsy, cannot be woken or is breathing slowly, treat it \
as an emergency: call your local emergency number, give naloxone if you have it, and stay with \
them until help arrives.

Recovery from trauma and from addiction is possible. It is rarely a straight line, but with the \
right support people do find their way to steadier ground.

*This article is general information and does not replace individual advice from a qualified \
health professional.*
"""

_MEDICATION_LABEL_BODY = """\
A medication label is a small space asked to do a big job. Between the pharmacy sticker, the \
manufacturer's carton and the leaflet inside, there is a lot of information, and it is easy to \
skim past the parts that matter most. A few minutes spent reading properly, especially with a \
new medicine, can prevent mistakes that are surprisingly common.

## Start with the active ingredient

The brand name on the front of the box is the least useful detail for safety. What matters is \
the **active ingredient**: the substance that actually does the work. Many different products \
contain the same one.

This is especially important with over-the-counter remedies. Paracetamol (called acetaminophen \
in North America), for example, is found in many cold and flu products as well as in plain \
painkillers. Taking two such products together can push you over the safe daily limit without \
you realising.

- Check the active ingredient on every product you take, not just the one you bought last.
- Look for the same ingredient hiding in combination products.
- If in doubt, take all your medicines to a pharmacist for a quick review.

## Strength, dose and timing

The **strength** tells you how much active ingredient is in each tablet, capsule or measured \
amount of liquid, for example 500 mg per tablet or 5 mg per 5 ml. The **dose** is how much you \
should take, and how often. They are different things, and mixing them up is a common cause of \
errors, particularly with liquid medicines for children. Always use the measuring syringe or \
spoon supplied rather than a kitchen spoon.

Common instructions, and what they usually mean:

| Label wording | What it usually means |
|---|---|
| "Take on an empty stomach" | About an hour before food, or two hours after |
| "Take with or after food" \
| With a meal or snack, often to protect the stomach or help absorption |
| "Swallow whole" | Do not crush, chew or split it; it may be designed to release slowly |
| "May cause drowsiness" \
| Avoid driving until you know how it affects you; alcohol can make it worse |

## Warnings and interactions

Labels and leaflets list situations in which a medicine may not be suitable: during pregnancy, \
with certain health conditions, or alongside other medicines. Interactions are not limited to \
prescription drugs. Herbal remedies such as St John's wort, some supplements, grapefruit juice \
and alcohol can all change how certain medicines work.

## Storage and expiry

Most medicines should be kept somewhere cool and dry, out of the sight and reach of children, \
which often means *not* the bathroom cabinet. Some need to go in the fridge. Eye drops and some \
liquids have a shorter shelf life once opened, usually stated on the pack. Don't use medicines \
past their expiry date; take unwanted ones back to a pharmacy for safe disposal.

## When to ask a pharmacist

- You are starting a new medicine and aren't sure how or when to take it
- The tablets look different from your usual supply
- You take several medicines and wonder whether they interact
- You have missed a dose and don't know what to do
- The print is too small to read comfortably; ask whether a large-print label is available

Pharmacists are trained to answer exactly these questions, and you usually don't need an \
appointment to ask.
"""

_SLEEP_BODY = """\
Most of us know the feeling: a few short nights in a row and everything seems harder. Worries \
loom larger, patience wears thin and concentration slips. Sleep and mental health are closely \
intertwined, and while good habits will not cure a sleep disorder, they give the body's natural \
rhythms the best chance to do their job.

"Sleep hygiene" simply means the routines and surroundings that make restful sleep more likely. \
None of the suggestions below is dramatic. Their value comes from doing them consistently.

## Why sleep and mood are linked

Poor sleep and low mood feed each other. Anxiety and depression commonly disturb sleep, and \
ongoing sleep loss in turn makes it harder to manage emotions, cope with stress and think \
flexibly. Studies that improve sleep, for example through structured therapy for insomnia, often \
find improvements in mood as well, which suggests the relationship runs in both directions.

## Habits worth building

- **Keep a regular wake-up time**, weekends included. A consistent morning anchor is one of the \
most effective ways to steady your body clock.
- **Get daylight early in the day.** Even a short walk outside in the morning helps tell your \
brain that the day has begun.
- **Create a wind-down routine.** Spend the last 30–60 minutes before bed on something calm and \
familiar: reading, a warm shower, gentle stretching.
- **Keep the bedroom cool, dark and quiet**, and use the bed mainly for sleep so your brain links \
it with rest.
- **Get up if you can't sleep.** If you have been lying awake for what feels like 20 minutes or \
so, go to another room and do something quiet in dim light until you feel sleepy.

## What to limit in the evening

1. **Caffeine**: its effects can last many hours, so consider a cut-off in the early afternoon.
2. **Alcohol**: it may help you drop off, but it fragments sleep later in the night.
3. **Large late meals**: heavy or spicy food close to bedtime can cause discomfort and reflux.
4. **Stimulating screen time**: the mental arousal of scrolling, messaging or checking work email \
matters as much as the light itself.
5. **Long or late naps**: if you need a nap, keep it short and before mid-afternoon.

## When sleep hygiene isn't enough

If poor sleep has lasted several weeks and is affecting your days, it is worth speaking to a \
health professional. Cognitive behavioural therapy for insomnia (CBT-I) is recommended as a \
first-line treatment for long-term insomnia and is increasingly available in digital formats. \
Loud snoring, gasping during sleep or severe daytime sleepiness can point to obstructive sleep \
apnoea, which needs proper assessment. And if sleep problems come with persistent low mood or \
anxiety, please reach out for support rather than waiting for them to pass.
"""

_VITAMIN_D_BODY = """\
Vitamin D has had more than its share of headlines. At one time or another it has been linked to \
everything from bone strength to immunity to mood. Some of those claims are well supported; \
others have not held up in large trials. Here is a grounded look at what we know.

## What vitamin D does

Vitamin D helps the body absorb calcium and phosphate from food, which makes it essential for \
healthy bones, teeth and muscles. Severe, long-standing deficiency can cause rickets in children \
and osteomalacia, a softening of the bones, in adults. Vitamin D receptors are found throughout \
the body, which is why researchers have studied it for so many other conditions. For most of \
these, however, large randomised trials giving supplements to people who were not deficient have \
found little or no benefit.

## Where it comes from

Most people make the bulk of their vitamin D in the skin when it is exposed to sunlight \
containing UVB rays. At higher latitudes the sun is too low in autumn and winter for meaningful \
production. Food contributes a smaller share, and relatively few foods contain much naturally.

| Food (typical serving) | Approximate vitamin D |
|---|---|
| Oily fish such as salmon or mackerel (100 g) | 5–20 µg (200–800 IU) |
| Egg, whole (1 large) | About 1–2 µg (40–80 IU) |
| Fortified milk or plant drink (250 ml) | 1–3 µg (40–120 IU), depending on the product |
| Mushrooms exposed to UV light (100 g) | Highly variable; check the label |

Values vary with species, farming method, fortification rules and cooking, so treat them as rough \
guides rather than exact figures.

## Who may be at risk of low levels

- People who spend little time outdoors, including those who are housebound or live in care homes
- People with darker skin, who need more sun exposure to make the same amount of vitamin D
- People who cover most of their skin when outside
- Older adults, whose skin makes vitamin D less efficiently
- Breastfed babies, and people with conditions that affect fat absorption, such as coeliac \
disease or Crohn's disease

## Supplements: sensible, not excessive

Recommendations differ between countries. In the UK, for example, adults are advised to consider \
10 µg (400 IU) a day in autumn and winter, and all year round if they are at higher risk. In the \
US, the recommended dietary allowance is 15 µg (600 IU) for most adults and 20 µg (800 IU) for \
those over 70.

More is not better. Very high doses taken over long periods can raise calcium levels in the \
blood, which may cause nausea, confusion, kidney problems and heart rhythm disturbances. For \
most adults the tolerable upper limit is set at 100 µg (4,000 IU) a day, unless a doctor has \
advised a higher dose for a specific reason, such as correcting a confirmed deficiency.

If you think you might be low, talk to your doctor or pharmacist rather than testing and dosing \
on your own. They can advise whether a blood test is worthwhile and which dose suits you, \
especially if you take other medicines or have kidney disease.
"""

_HYPOGONADISM_BODY = """\
Testosterone is often talked about as if it were a single dial that simply turns down with age. \
In reality, low testosterone can stem from several different problems, and knowing which one is \
involved makes a real difference to treatment, especially for men who may want children in the \
future.

## What hypogonadism means

Male hypogonadism is a condition in which the body does not produce enough testosterone, enough \
sperm, or both. Testosterone production depends on a chain of signals. The hypothalamus in the \
brain releases gonadotropin-releasing hormone (GnRH), which prompts the pituitary gland to \
release luteinising hormone (LH) and follicle-stimulating hormone (FSH). These in turn tell the \
testes to make testosterone and sperm. A problem at any link in that chain can cause \
hypogonadism.

## The two main types

| Type | Where the problem lies | Examples of causes | Typical blood test pattern |
|---|---|---|---|
| Primary | The testes themselves \
| Klinefelter syndrome, undescended testes, mumps orchitis, injury, chemotherapy or radiotherapy \
| Low testosterone with **high** LH and FSH |
| Secondary | The pituitary gland or hypothalamus \
| Pituitary tumours, Kallmann syndrome, long-term opioid or anabolic steroid use, obesity, \
serious illness | Low testosterone with **low or inappropriately normal** LH and FSH |

Some men have features of both types, and testosterone levels also drift down gradually with \
age. Age-related decline on its own is usually modest, and many specialists are cautious about \
treating it unless there are clear symptoms and consistently low levels.

## Symptoms worth mentioning to a doctor

- Reduced sex drive or erection difficulties
- Persistent tiredness and low energy
- Loss of muscle bulk or strength, or increased body fat
- Low mood, irritability or poor concentration
- Less body or facial hair, or enlargement of breast tissue
- Difficulty conceiving with a partner

Many of these symptoms have other possible causes, from poor sleep to depression to thyroid \
problems, which is why testing matters.

## How it is diagnosed

Testosterone levels are highest in the morning and vary from day to day, so guidelines recommend \
an early-morning blood test, repeated on a separate occasion if the first result is low. If low \
levels are confirmed, LH and FSH help to tell primary from secondary causes. Further tests, such \
as prolactin, iron studies or pituitary imaging, may follow depending on the results.

## Treatment considerations

Testosterone replacement, given as gels, injections or other formulations, can relieve symptoms \
in men with confirmed hypogonadism. It needs regular monitoring, including blood counts, because \
it can raise the concentration of red blood cells.

One point is often overlooked: **testosterone therapy suppresses sperm production**. For men \
with secondary hypogonadism who hope to father children, treatments that stimulate the testes \
directly may be more appropriate. Sometimes, addressing the underlying cause, such as reviewing \
long-term opioid medication or supporting weight loss, allows natural testosterone production to \
recover.

If you recognise some of these symptoms, start with your GP. Hypogonadism is common and \
treatable, and nothing to be embarrassed about.
"""

_GENERIC_BODY = """\
If your prescription has ever changed from a familiar branded box to a plainer pack with an \
unfamiliar name, you may have wondered whether you were getting a lesser medicine. In almost all \
cases, you were not. Here is what actually differs between brand-name and generic medicines, and \
how to make sure that whatever you buy is genuine.

## What makes a medicine "generic"

When a new medicine is developed, the company behind it usually has a period of patent \
protection. Once that ends, other manufacturers can apply to make the same medicine. To be \
approved, a generic must contain the same active ingredient, in the same strength and dosage \
form, taken by the same route as the original.

Regulators also require generics to show **bioequivalence**: studies must demonstrate that the \
generic delivers the active ingredient into the bloodstream at a rate and to an extent that fall \
within tight limits of the original. Generics must meet the same manufacturing standards and are \
inspected by the same authorities.

## What can differ

- **Inactive ingredients**: fillers, binders, colours and coatings may vary, which matters for \
people with specific allergies or intolerances, for example to lactose or certain dyes.
- **Appearance**: size, shape and colour often differ, partly for trademark reasons.
- **Packaging and name**: generics are usually labelled with the name of the active ingredient.
- **Price**: generics are typically much cheaper, because their makers did not fund the original \
research.

## When a switch deserves a conversation

For most medicines, switching between brand and generic makes no meaningful difference. For a \
small group, though, small changes in blood levels matter more. These include some treatments \
for epilepsy, thyroid hormone replacement, some immunosuppressants used after transplants, and \
certain blood thinners. For these, your prescriber or pharmacist may recommend staying on the \
same product consistently. If you notice new side effects, or a change in how well a medicine \
works after a switch, tell your pharmacist. It is always worth checking.

## Buying medicines safely

Where you buy a medicine matters as much as which version you buy. Falsified medicines, which \
may contain the wrong dose, the wrong ingredient or none at all, are a real problem, particularly \
online.

1. **Use a registered pharmacy.** Most countries keep a public register of licensed pharmacies, \
and legitimate online pharmacies show registration details you can check against it.
2. **Expect to need a prescription** for prescription-only medicines. A website that offers them \
without one is a red flag.
3. **Look for a named pharmacist and a physical address**, and a way to ask questions.
4. **Be wary of prices that look too good to be true**, "miracle" claims, or pressure to buy in \
bulk.
5. **Check the pack when it arrives.** Odd spelling, a missing leaflet or tablets that look \
different from usual are all worth querying.

Buying from a licensed source means you get a medicine that has been approved, stored properly \
and supplied with professional advice, whether it is branded or generic.
"""

_BLOOD_PRESSURE_BODY = """\
High blood pressure rarely causes symptoms, which is why it is sometimes called a silent \
condition. Yet over the years it strains the heart, blood vessels, kidneys and brain, raising the \
risk of heart attack and stroke. Medication is often an important part of treatment, but what you \
eat can make a measurable difference too, sometimes enough to delay or reduce the need for \
tablets.

## Why blood pressure matters

Blood pressure is recorded as two numbers: the pressure when the heart beats (systolic) and when \
it rests between beats (diastolic). Targets vary with age and health conditions, so it is worth \
asking your clinician what yours should be. Even modest reductions, kept up over time, lower \
cardiovascular risk.

## Eating patterns with good evidence

The best-studied approach is the DASH eating pattern (Dietary Approaches to Stop Hypertension). \
Rather than a strict diet, it is a way of building meals:

- **Plenty of vegetables, fruit and pulses**, which supply potassium, magnesium and fibre
- **Whole grains** in place of refined ones
- **Lower-fat dairy or fortified alternatives**
- **Fish, poultry, nuts and seeds**, with less red and processed meat
- **Fewer sugary drinks and sweets**

Cutting down on salt adds to the benefit. Most of the salt we eat is already in food when we buy \
it (bread, processed meat, cheese, ready meals, sauces and soups) rather than added at the table. \
Many health bodies suggest adults aim for no more than about 5–6 g of salt a day.

One caution: foods and salt substitutes rich in potassium help most people, but not everyone. If \
you have kidney disease or take blood pressure medicines that raise potassium levels, check with \
your doctor or pharmacist first.

## Practical swaps

| Instead of | Try |
|---|---|
| Salted crisps or snacks | Unsalted nuts or a piece of fruit |
| Processed meat in sandwiches | Egg, hummus or leftover roast chicken |
| Stock cubes and jar sauces | Herbs, spices, garlic, lemon or reduced-salt versions |
| Sugary fizzy drinks | Water, sparkling water or unsweetened tea |

## Beyond the plate

Diet works best alongside other habits. Regular physical activity, keeping alcohol within \
recommended limits, not smoking and managing weight all help to lower blood pressure. A \
validated home blood pressure monitor, used correctly, can give you and your clinician a clearer \
picture than occasional clinic readings.

If you already take medication, don't stop or change it because your readings improve; talk to \
your prescriber first. Lifestyle changes and medicines work well together.
"""

_PROTEIN_BODY = """\
From around middle age, most people gradually lose muscle mass and strength. The process can \
speed up later in life and, when it becomes marked, is called sarcopenia. It is not just about \
appearance. Muscle helps us climb stairs, carry the shopping, keep our balance and recover from \
illness. The good news is that the decline can be slowed, and food plays a useful supporting role.

## Why muscle matters as we age

Lower muscle strength is linked to a higher risk of falls, fractures, hospital admission and \
loss of independence. Spells of inactivity, such as an illness, a hospital stay or an injury, \
can accelerate losses that are harder to win back later. Building and keeping muscle in your \
fifties and sixties is an investment in the decades that follow.

## How much protein?

The standard reference intake for adults is about 0.8 g of protein per kilogram of body weight \
per day. Many researchers and expert groups suggest older adults may benefit from a little more, \
often in the region of 1.0–1.2 g per kilogram, particularly if they are active or recovering \
from illness. For an 80 kg man, that works out at roughly 80–95 g a day.

If you have chronic kidney disease, your protein needs are different and should be set with your \
doctor or a dietitian.

## Spreading it through the day

Muscles seem to respond better when protein is spread across meals rather than packed into one \
large dinner. Many people eat little protein at breakfast and most of it in the evening. A more \
balanced day might look like this:

- **Breakfast:** Greek-style yoghurt with oats and berries, or eggs on wholegrain toast
- **Lunch:** Lentil soup with a cheese or tuna sandwich
- **Snack:** A handful of nuts or a glass of milk
- **Dinner:** Fish, chicken, tofu or beans with vegetables and potatoes or rice

Plant proteins count too. Beans, lentils, tofu, soya drinks, nuts and seeds all contribute, and \
eating a variety across the day provides a good balance of amino acids.

## Pair it with strength training

Protein on its own does little unless muscles have a reason to use it. Resistance exercise \
(lifting weights, working with resistance bands, or bodyweight moves such as sit-to-stands and \
wall press-ups) is the main driver of muscle maintenance. Guidelines generally suggest \
muscle-strengthening activity on at least two days a week.

1. Start with light loads and good technique.
2. Increase the challenge gradually as movements feel easier.
3. Include balance exercises, especially after 65.
4. Check with your doctor first if you have a heart condition or another long-term illness.

Small, steady changes at the table and in your weekly routine add up to real strength over time.
"""

ARTICLES = [
    {
        "title": "How Trauma Shapes Opioid Addiction, and What Helps",
        "slug": "trauma-and-opioid-addiction",
        "category": "mental-health",
        "author": "mireille-achterberg",
        "summary": (
            "Many people with opioid use disorder carry a history of trauma. This guide explains "
            "how the two are linked, the signs to watch for, and the treatments with the "
            "strongest evidence."
        ),
        "body": _FLAGSHIP_BODY,
        "days_ago": 44,
        "cover_alt": (
            "Abstract illustration of two cupped hands around a softly glowing seedling, in teal "
            "and sand tones"
        ),
        "cover_colours": ("#2a6f97", "#e9d8a6"),
    },
    {
        "title": "How to Read a Medication Label Without Missing What Matters",
        "slug": "how-to-read-a-medication-label",
        "category": "medications",
        "author": "theo-vandermeer",
        "summary": (
            "Medication labels pack a lot into a small space. A section-by-section guide to the "
            "details that matter most, from active ingredients to storage."
        ),
        "body": _MEDICATION_LABEL_BODY,
        "days_ago": 9,
        "cover_alt": (
            "Abstract illustration of a medicine bottle under an oversized magnifying glass, in "
            "coral and cream tones"
        ),
        "cover_colours": ("#e76f51", "#fdf0d5"),
    },
    {
        "title": "Sleep Hygiene: Small Habits That Add Up",
        "slug": "sleep-hygiene-small-habits",
        "category": "mental-health",
        "author": "mireille-achterberg",
        "summary": (
            "Sleep and mood are closely linked. These simple, consistent habits give your body "
            "clock the best chance, and here is when to seek more help."
        ),
        "body": _SLEEP_BODY,
        "days_ago": 2,
        "cover_alt": (
            "Abstract illustration of a crescent moon above layered rolling hills, in indigo and "
            "lavender tones"
        ),
        "cover_colours": ("#3d348b", "#c8b6ff"),
    },
    {
        "title": "Vitamin D: What the Evidence Does and Doesn't Say",
        "slug": "vitamin-d-evidence",
        "category": "nutrition",
        "author": "sunniva-okafor-reyes",
        "summary": (
            "Vitamin D matters for bones and muscles, but it is not a cure-all. Where it comes "
            "from, who is at risk of low levels, and how to supplement sensibly."
        ),
        "body": _VITAMIN_D_BODY,
        "days_ago": 15,
        "cover_alt": (
            "Abstract illustration of a low winter sun casting long rays over simple fish and egg "
            "shapes, in amber and sky-blue tones"
        ),
        "cover_colours": ("#f4a261", "#a8dadc"),
    },
    {
        "title": "Low Testosterone Explained: Primary and Secondary Hypogonadism",
        "slug": "hypogonadism-types-explained",
        "category": "mens-health",
        "author": "mireille-achterberg",
        "summary": (
            "Low testosterone can start in the testes or in the brain's signalling system. How "
            "the types differ, how they are diagnosed, and why it matters for treatment."
        ),
        "body": _HYPOGONADISM_BODY,
        "days_ago": 23,
        "cover_alt": (
            "Abstract illustration of interlocking geometric shapes suggesting a hormone "
            "signalling pathway, in slate and ochre tones"
        ),
        "cover_colours": ("#3f4e5c", "#d4a373"),
    },
    {
        "title": "Generic or Brand-Name? What Actually Differs, and How to Buy Safely",
        "slug": "generic-vs-brand-medicines",
        "category": "medications",
        "author": "theo-vandermeer",
        "summary": (
            "Generic medicines contain the same active ingredient and meet the same standards as "
            "the brand. What can differ, when to ask, and how to buy from a licensed pharmacy."
        ),
        "body": _GENERIC_BODY,
        "days_ago": 30,
        "cover_alt": (
            "Abstract illustration of two identical capsules in different colours side by side, "
            "in mint and plum tones"
        ),
        "cover_colours": ("#74c69d", "#6d3b5e"),
    },
    {
        "title": "Eating for Healthier Blood Pressure",
        "slug": "eating-for-healthier-blood-pressure",
        "category": "nutrition",
        "author": "sunniva-okafor-reyes",
        "summary": (
            "Diet can make a measurable difference to blood pressure. The DASH pattern, cutting "
            "hidden salt, and simple swaps that are easy to keep up."
        ),
        "body": _BLOOD_PRESSURE_BODY,
        "days_ago": 37,
        "cover_alt": (
            "Abstract illustration of a heart shape made of leafy vegetables crossed by a gentle "
            "pulse line, in leaf-green and berry tones"
        ),
        "cover_colours": ("#52b788", "#9d0208"),
    },
    {
        "title": "Protein, Muscle and Ageing: A Practical Guide for Men Over 50",
        "slug": "protein-muscle-ageing-men",
        "category": "mens-health",
        "author": "sunniva-okafor-reyes",
        "summary": (
            "Muscle loss with age is common but can be slowed. How much protein to aim for, how "
            "to spread it through the day, and why strength training matters most."
        ),
        "body": _PROTEIN_BODY,
        "days_ago": 51,
        "cover_alt": (
            "Abstract illustration of a kettlebell beside a bowl of lentils and eggs, in "
            "terracotta and oat tones"
        ),
        "cover_colours": ("#bc6c25", "#f2e8cf"),
    },
]

# ---------------------------------------------------------------------------------------------
# Comments on the flagship article (ARTICLES[0]). 18 approved comments in total.
# ---------------------------------------------------------------------------------------------

THREAD = [
    {
        "name": "Zoë Ødegaard",
        "email": "zoe.odegaard@example.net",
        "website": "",
        "hours_after": 2,
        "body": (
            "I work as a nurse on an inpatient withdrawal unit, and this matches what we see "
            "every week. When we started asking about trauma routinely at admission, with proper "
            "support in place for the answers, our conversations with patients changed "
            "completely.\n\n"
            "One thing I'd add: screening only helps if there is somewhere to refer people "
            "afterwards. Otherwise it can feel like opening a door and then leaving the room."
        ),
        "replies": [
            {
                "name": "Mireille Achterberg",
                "email": "mireille.achterberg@example.org",
                "website": "https://example.org/authors/mireille-achterberg",
                "hours_after": 7,
                "body": (
                    "Thank you, Zoë. That is such an important point, and a memorable way of "
                    "putting it. Asking about trauma without a pathway for follow-up can do more "
                    "harm than good. I may borrow your door analogy when I next teach on this."
                ),
                "replies": [],
            },
        ],
    },
    {
        "name": "Łukasz Wójcik",
        "email": "lukasz.wojcik@example.com",
        "website": "",
        "hours_after": 19,
        "body": (
            "I've been reading this site for a while, but this is the first time I've commented, "
            "because this article describes my life more accurately than I could have done "
            "myself.\n\n"
            "I started using opioids in my early twenties. At the time I would have told you it "
            "was about having fun, or about a knee injury from football. It took me years, and a "
            "very patient counsellor, to see that I was using to switch off memories of the house "
            "I grew up in. The section on emotional numbing is exactly it. For the first time, I "
            "felt that nothing was coming for me.\n\n"
            "What the article says about withdrawal overlapping with trauma symptoms rings true "
            "as well. Every time I tried to stop on my own, the anxiety and the nightmares came "
            "back twice as strong, and I took that as proof that I couldn't cope without using. "
            "I didn't understand that part of it was the withdrawal talking.\n\n"
            "What finally worked was a combination: buprenorphine first, which gave me enough "
            "stability to turn up to appointments, and then trauma-focused therapy about six "
            "months later. I'm now a little over three years into recovery. It hasn't been a "
            "straight line, and there were some bad weeks along the way, but the bad weeks are "
            "shorter now.\n\n"
            "If anyone reading this is where I was, I would say this: the medication isn't "
            "cheating, and the therapy isn't as frightening as it looks from the outside. Find "
            "someone you can be honest with. It made all the difference for me.\n\n"
            "Thank you to the author for writing about this without any judgement."
        ),
        "replies": [
            {
                "name": "Helen Marchetti",
                "email": "helen.marchetti@example.com",
                "website": "",
                "hours_after": 33,
                "body": (
                    "Łukasz, thank you for writing this. My son is eight months into treatment "
                    "and I've struggled to understand why he couldn't just stop. Your "
                    "description of the nightmares coming back during withdrawal has helped me "
                    "more than any leaflet.\n\n"
                    "I'd like to show him your comment, if that's all right with you."
                ),
                "replies": [
                    {
                        "name": "Łukasz Wójcik",
                        "email": "lukasz.wojcik@example.com",
                        "website": "",
                        "hours_after": 41,
                        "body": (
                            "Of course, Helen. Eight months is real progress, even when it "
                            "doesn't always look like it from the outside. Wishing you both well."
                        ),
                        "replies": [],
                    },
                ],
            },
        ],
    },
    {
        "name": "Sam Ferreira-Lund",
        "email": "sam.fl@example.net",
        "website": "",
        "hours_after": 60,
        "body": "Useful, thanks.",
        "replies": [],
    },
    {
        "name": "Gordon Pryce",
        "email": "gordon.pryce@example.com",
        "website": "",
        "hours_after": 88,
        "body": (
            "I'll be honest, I'm a bit sceptical. Plenty of people have difficult childhoods and "
            "never touch drugs. Doesn't framing addiction around trauma risk giving people an "
            "excuse not to take responsibility?"
        ),
        "replies": [
            {
                "name": "Tomás Echeverría",
                "email": "tomas.echeverria@example.org",
                "website": "https://example.org/practice/echeverria",
                "hours_after": 95,
                "body": (
                    "I'm a GP and I hear this concern fairly often, so it's a fair question. The "
                    "article actually makes the same point you do: most people with trauma never "
                    "develop an addiction. Trauma is a risk factor, not a destiny.\n\n"
                    "In practice, understanding someone's history isn't about excusing anything. "
                    "It's about choosing treatment that works. If a patient's cravings spike "
                    "every time a particular memory surfaces, knowing that helps us plan for it. "
                    "Responsibility and understanding aren't opposites; in my experience people "
                    "take more ownership of their recovery when they feel understood."
                ),
                "replies": [
                    {
                        "name": "Gordon Pryce",
                        "email": "gordon.pryce@example.com",
                        "website": "",
                        "hours_after": 110,
                        "body": (
                            "That's a reasonable way of putting it, and I hadn't thought about "
                            "it in terms of what makes treatment work. Appreciate the "
                            "thoughtful reply 👍"
                        ),
                        "replies": [],
                    },
                ],
            },
        ],
    },
    {
        "name": "Meera Joshi",
        "email": "meera.joshi@example.com",
        "website": "",
        "hours_after": 170,
        "body": (
            "यह लेख बहुत स्पष्ट और संवेदनशील तरीके से लिखा गया है। मेरे भाई ने कई साल तक नशे "
            "की लत से संघर्ष किया, और हम कभी नहीं समझ पाए कि उसके बचपन के अनुभवों का इससे "
            "क्या संबंध हो सकता है।\n\n"
            "क्या इस लेख का हिंदी अनुवाद उपलब्ध हो सकता है? मैं इसे अपने माता-पिता के साथ साझा "
            "करना चाहती हूँ। 🙏"
        ),
        "replies": [],
    },
    {
        "name": "Ingrid Solberg",
        "email": "ingrid.solberg@example.org",
        "website": "https://example.org/ingrid-solberg",
        "hours_after": 245,
        "body": (
            "For readers who want to go further, SAMHSA has published guidance on a "
            "trauma-informed approach, which is freely available: https://www.samhsa.gov/\n\n"
            "It's worth noting that their framework lists six principles rather than five. Peer "
            "support is a principle in its own right, alongside safety, trustworthiness and "
            "transparency, collaboration, empowerment and choice, and attention to cultural, "
            "historical and gender issues."
        ),
        "replies": [
            {
                "name": "Mireille Achterberg",
                "email": "mireille.achterberg@example.org",
                "website": "https://example.org/authors/mireille-achterberg",
                "hours_after": 262,
                "body": (
                    "Thank you, Ingrid, that's a helpful addition. You're right that peer support "
                    "is a distinct principle in that framework. We folded it into the treatment "
                    "section for space, but it deserves its own place in the list, and we'll "
                    "look at updating it."
                ),
                "replies": [],
            },
        ],
    },
    {
        "name": "Kenji Morimoto",
        "email": "kenji.morimoto@example.net",
        "website": "",
        "hours_after": 380,
        "body": (
            "とても分かりやすい記事でした。日本ではまだ依存症を「意志の弱さ」の問題だと考える人が"
            "多いので、トラウマとの関係をこのように丁寧に説明した情報はとても貴重だと思います。\n\n"
            "家族会で紹介させていただきます。ありがとうございました。😊"
        ),
        "replies": [],
    },
    {
        "name": "Rhiannon Pugh",
        "email": "rhiannon.pugh@example.org",
        "website": "https://example.org/rhiannon-pugh-counselling",
        "hours_after": 500,
        "body": (
            "Thank you for a thoughtful piece. I do want to gently push back on one point, "
            "though. In my work as a counsellor I've seen clients destabilised when trauma "
            "processing started too early, before they had reliable coping skills and some "
            "stability in their substance use. I would generally favour building safety and "
            "skills first and moving to trauma processing later.\n\n"
            "I'm not saying the concurrent approach never works, only that the article's wording "
            "might read as more universal than the evidence is."
        ),
        "replies": [
            {
                "name": "Mireille Achterberg",
                "email": "mireille.achterberg@example.org",
                "website": "https://example.org/authors/mireille-achterberg",
                "hours_after": 523,
                "body": (
                    "Rhiannon, thank you. This is a genuine debate in the field and I appreciate "
                    "you raising it so constructively. Phased approaches that prioritise "
                    "stabilisation are still widely used and make good sense for many people. "
                    "What more recent trials suggest is that, for some patients, trauma-focused "
                    "therapy can begin earlier than was traditionally assumed without worsening "
                    "substance use, provided there is good support around it.\n\n"
                    "I agree that timing should be an individual clinical judgement rather than "
                    "a rule, and I'll make that clearer in the text."
                ),
                "replies": [
                    {
                        "name": "Rhiannon Pugh",
                        "email": "rhiannon.pugh@example.org",
                        "website": "https://example.org/rhiannon-pugh-counselling",
                        "hours_after": 551,
                        "body": (
                            "That seems fair, and thank you for engaging with it. Individual "
                            "judgement, with good support either way, is something I can "
                            "absolutely agree with."
                        ),
                        "replies": [],
                    },
                ],
            },
        ],
    },
    {
        "name": "Carmen Núñez",
        "email": "carmen.nunez@example.com",
        "website": "",
        "hours_after": 700,
        "body": (
            "My brother is a year into recovery and I've sent this article to the whole family 🌟 "
            "It explains things we've been trying to put into words for a long time.\n\n"
            "The part about approaching conversations with curiosity rather than accusation is "
            "something I wish we had known years ago. Thank you 😊"
        ),
        "replies": [],
    },
    {
        "name": "Felix Brandt",
        "email": "felix.brandt@example.net",
        "website": "",
        "hours_after": 980,
        "body": (
            "💡 Since the article mentions naloxone: the WHO has a clear fact sheet on opioid "
            "overdose that covers naloxone and why community access to it matters. You can find "
            'it from https://www.who.int/ by searching for "opioid overdose".\n\n'
            "If you live with someone who uses opioids, it's worth asking your local pharmacy or "
            "drug service about a naloxone kit and some quick training. In many places both are "
            "free."
        ),
        "replies": [],
    },
]

PENDING = [
    {
        "name": "Jonas Lindqvist",
        "email": "jonas.lindqvist@example.net",
        "body": (
            "Dr Achterberg, do you know whether trauma-focused therapy is usually offered "
            "alongside methadone treatment in public services, or is it normally a separate "
            "referral? My GP wasn't sure and I'd like to know what to ask for."
        ),
        "hours_after": 1012,
    },
    {
        "name": "Beatriz Almeida",
        "email": "beatriz.almeida@example.com",
        "body": (
            "Sharing this with my study group. We're nursing students, and the section on "
            "trauma-informed care was really helpful for our assignment on substance use."
        ),
        "hours_after": 1040,
    },
]

SPAM = [
    {
        "name": "Best Meds Online 24/7",
        "email": "cheapmeds4u@example.net",
        "body": (
            "BUY CHEAP painkillers and sleeping pills online NO PRESCRIPTION needed!!! Lowest "
            "prices, discreet worldwide shipping, 100% satisfaction guaranteed. Order now >>> "
            "https://spam.example.com/shop"
        ),
        "hours_after": 1025,
    },
]

# ---------------------------------------------------------------------------------------------
# Comments on the second article (ARTICLES[1]): flat and approved.
# ---------------------------------------------------------------------------------------------

SECOND_ARTICLE_THREAD = [
    {
        "name": "Ruth Abernethy",
        "email": "ruth.abernethy@example.com",
        "website": "",
        "hours_after": 6,
        "body": (
            "The tip about checking the active ingredient in cold remedies is one I wish I'd "
            "known last winter. I had no idea my flu sachets and my usual painkillers contained "
            "the same thing."
        ),
        "replies": [],
    },
    {
        "name": "Trần Minh Anh",
        "email": "minhanh.tran@example.org",
        "website": "",
        "hours_after": 28,
        "body": (
            "Pharmacy technician here. Please do ask for large-print labels if you need them; "
            "we're always happy to help and it only takes a moment.\n\n"
            "Also, bring your old packs back to us rather than putting them in the bin!"
        ),
        "replies": [],
    },
    {
        "name": "Theo Vandermeer",
        "email": "theo.vandermeer@example.org",
        "website": "https://example.org/authors/theo-vandermeer",
        "hours_after": 52,
        "body": (
            "Thank you both. Ruth, you're far from alone: doubling up on paracetamol through "
            "combination products is one of the most common mix-ups pharmacists see, which is why "
            "it's at the top of the article."
        ),
        "replies": [],
    },
]
