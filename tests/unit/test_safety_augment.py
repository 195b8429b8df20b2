"""Layer 2 trains on every line once more with chat spellings and typing slips (augment)."""

from __future__ import annotations

from bot.safety import classifier
from bot.safety.augment import augment, augment_grouped, variants
from bot.safety.classifier import FastModel, build_model, load_examples
from bot.safety.normalise import normalise

# Misspelled danger, as typed in a hurry; none of these lines is in the training data.
MISSPELLED_DANGER = (
    "ik wil gwn dod",
    "k heb alle pilen van mn moedr genomn",
    "k ga mezlf wat aandoen vanavnd",
    "niemnad zal me mise als ik er nie meer ben",
    "k ben het levn zat",
    "ik sta op de brugg en ik spirng",
)


def test_a_variant_keeps_the_label_and_differs_from_the_line() -> None:
    pairs = load_examples()
    out = augment(pairs)
    assert out[: len(pairs)] == pairs
    for text, _ in pairs[:500]:
        for variant in variants(text):
            assert variant != normalise(text)
    assert {label for _, label in out[len(pairs) :]} == {label for _, label in pairs}
    # Most lines get a typed copy (a line of short words only may not).
    assert len(out) - len(pairs) > 0.8 * len(pairs)


def test_variants_are_deterministic() -> None:
    line = "ik heb de pillen van mijn moeder al klaargelegd"
    assert variants(line) == variants(line)
    assert variants("") == []


def test_the_model_learns_the_typed_variants() -> None:
    pairs = load_examples()[::4]
    noisy_only = {
        word for text, _ in pairs for variant in variants(text) for word in variant.split()
    } - {word for text, _ in pairs for word in normalise(text).split()}
    vocabulary = build_model(pairs).named_steps["features"].transformer_list[0][1].vocabulary_
    assert noisy_only & set(vocabulary)


def test_typing_slips_read_as_more_dangerous_with_augmentation() -> None:
    pairs = load_examples()[::2]
    plain = FastModel(build_model(pairs, augmented=False))
    augmented = FastModel(build_model(pairs))

    def mean_danger(model: FastModel) -> float:
        scores = [
            classifier._danger(model.predict(classifier.features(t))) for t in MISSPELLED_DANGER
        ]
        return sum(scores) / len(scores)

    # +0.05 before the calibration folds kept a line and its typed copy together (the copies
    # in another fold made the augmented model's probabilities overconfident); +0.036 after.
    assert mean_danger(augmented) > mean_danger(plain) + 0.02


def test_a_line_and_its_typed_copy_share_a_group() -> None:
    pairs = [("ik heb de pillen van mijn moeder al klaargelegd", "crisis"), ("hoi", "none")]
    out, groups = augment_grouped(pairs)
    assert len(out) == len(groups)
    assert out[0] == pairs[0] and groups[0] == 0
    assert {groups[i] for i, (text, _) in enumerate(out) if text != pairs[1][0]} == {0}
    assert [label for _, label in out] == [pairs[g][1] for g in groups]


def test_a_number_with_pets_is_not_a_crisis() -> None:
    # "2" was in crisis lines only ("i want 2 die"); their typed copies doubled its weight and
    # "ik heb 2 katten" (a form answer) got the crisis reply until numbers had negatives too.
    from bot.safety import net

    classifier.warm_up()
    for text in ("ik heb 2 hamsters", "mijn oma heeft 4 katten", "we hebben 2 konijnen"):
        assert net.assess(text).level == "none", text
    assert net.assess("i want 2 die").level == "crisis"
