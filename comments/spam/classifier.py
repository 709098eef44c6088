"""The statistical spam filter: a linear model and naive Bayes over hashed features.

Two of scikit-learn's learners read the same hashed counts, and their spam probabilities
are averaged.  ``SGDClassifier`` with the logistic loss learns from ten thousand comments
in seconds, and its weights say which words and domains pushed a comment one way or the
other, which is what a moderator asks ("why is this in Spam?").  ``MultinomialNB`` over
TF-IDF, the Bayesian filter of SpamAssassin and bogofilter, errs differently: grouped
cross-validation on the shipped corpus caught 91% of spam at 1% false alarms with either
alone and 95% with the two together.  Classes are weighted as balanced in the linear model,
so a site whose moderators mostly approve still learns its spam.
"""

import pickle
import zlib

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import SGDClassifier
from sklearn.naive_bayes import MultinomialNB

from . import features

# Format of the stored bytes; bump if what dumps() writes changes shape.
STORE_FORMAT = 1
# Regularisation, passes and smoothing: found by grouped cross-validation on the corpus.
ALPHA = 1e-5
EPOCHS = 50
SMOOTHING = 0.1


class StaleModel(Exception):
    """The stored model was built by another scikit-learn or other features: retrain."""


class SpamClassifier:
    """The fitted models and the vectoriser they read comments with."""

    def __init__(self, linear, tfidf, bayes):
        # Stored small (sparse weights), used fast: dense weights, and naive Bayes's log
        # probabilities laid out so that multiplying by their transpose copies nothing.
        linear.densify()
        bayes.feature_log_prob_ = np.asfortranarray(bayes.feature_log_prob_)
        self.linear = linear
        self.tfidf = tfidf
        self.bayes = bayes
        self.vectoriser = features.Vectoriser()

    @classmethod
    def fit(cls, samples, labels, weights=None):
        """Learn from Samples and their labels (True for spam)."""
        counts = features.Vectoriser().counts(samples)
        labels = np.asarray(labels, dtype=bool)
        # A fixed seed: the same corpus and decisions always give the same model.
        linear = SGDClassifier(loss="log_loss", alpha=ALPHA, max_iter=EPOCHS, tol=None,
                               class_weight="balanced", random_state=0)  # fmt: skip
        linear.fit(features.Vectoriser.scaled(counts), labels, sample_weight=weights)
        tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
        bayes = MultinomialNB(alpha=SMOOTHING)
        bayes.fit(tfidf.transform(counts), labels, sample_weight=weights)
        return cls(linear, tfidf, bayes)

    def probabilities(self, samples):
        """The spam probability of each Sample."""
        counts = self.vectoriser.counts(samples)
        # Our own finite hashed counts: scikit-learn's input checks would double the time.
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            linear = self.linear.predict_proba(features.Vectoriser.scaled(counts))[:, 1]
            bayes = self.bayes.predict_proba(self.tfidf.transform(counts))[:, 1]
        return (linear + bayes) / 2

    def probability(self, item):
        return float(self.probabilities([item])[0])

    def weighed(self, item, limit=5):
        """The words and signals that pushed this comment most towards spam (positive) and
        towards a real reader (negative) in the linear model: [(readable token, weight)]."""
        row = features.Vectoriser.scaled(self.vectoriser.counts([item]))
        contributions = row.multiply(self.linear.coef_).tocsr()
        names = self.vectoriser.named_columns(item)
        pairs = [
            (features.describe(names[column]), float(value))
            for column, value in zip(contributions.indices, contributions.data, strict=True)
            if column in names and value and names[column] not in features.FUNCTION_WORDS
        ]
        spammy = sorted((p for p in pairs if p[1] > 0), key=lambda p: -p[1])[:limit]
        real = sorted((p for p in pairs if p[1] < 0), key=lambda p: p[1])[:limit]
        return spammy, real

    def dumps(self):
        self.linear.sparsify()  # only the features seen in training have weights
        try:
            data = pickle.dumps(self._payload(), protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            self.linear.densify()
        return zlib.compress(data, 6)

    def _payload(self):
        return {
            "format": STORE_FORMAT,
            "features": features.FEATURES_VERSION,
            "sklearn": sklearn.__version__,
            "models": (self.linear, self.tfidf, self.bayes),
        }

    @classmethod
    def loads(cls, data):
        """Rebuild a stored model.  The bytes come only from our own database (the
        ``SpamFilterModel`` table), never from a user; a model pickled by another
        scikit-learn or for other features is refused rather than trusted."""
        try:
            payload = pickle.loads(zlib.decompress(bytes(data)))
        except Exception as error:
            raise StaleModel("unreadable model") from error
        if (
            not isinstance(payload, dict)
            or payload.get("format") != STORE_FORMAT
            or payload.get("features") != features.FEATURES_VERSION
            or payload.get("sklearn") != sklearn.__version__
        ):
            raise StaleModel("model built by other code")
        return cls(*payload["models"])
