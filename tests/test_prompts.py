"""Lateral-thinking prompt decks: both languages match, prompts fill safely, draws avoid
repeats, and a damaged deck is refused with a clear message."""

import random
from collections import Counter

import pytest

from core_fixtures import DECK
from workshop.core.prompts import DeckError, Prompt, load_deck, read_deck
from workshop.core.resources import exercises_dir
from workshop.i18n import LANGUAGES, set_language

TECHNIQUES = ["random-entry", "provocation", "reversal", "challenge", "six-hats", "scamper",
              "analogy", "experiential", "theatre"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_deck_covers_the_techniques_with_enough_prompts(lang):
    deck = load_deck(lang)
    assert deck.lang == lang
    assert list(deck.techniques) == TECHNIQUES
    assert len(deck.prompts) >= 30
    per_technique = Counter(p.technique for p in deck.prompts)
    assert set(per_technique) == set(TECHNIQUES) and min(per_technique.values()) >= 4
    for technique in deck.techniques.values():
        assert technique.name and technique.how.endswith(".")
    for prompt in deck.prompts:
        assert prompt.template.count("{moment}") == 1, prompt.id
        assert prompt.lang == lang


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_every_language_shares_every_id_with_english(lang):
    en, other = load_deck("en"), load_deck(lang)
    assert [(p.id, p.technique) for p in en.prompts] == \
           [(p.id, p.technique) for p in other.prompts]
    assert list(en.techniques) == list(other.techniques)
    # translated, not copied
    assert not {p.template for p in en.prompts} & {p.template for p in other.prompts}


def test_each_deck_names_its_techniques_in_its_language():
    assert load_deck("en").techniques["six-hats"].name == "Six thinking hats"
    assert load_deck("es").techniques["six-hats"].name == "Seis sombreros para pensar"
    assert load_deck("pt-BR").techniques["six-hats"].name == "Seis chapéus do pensamento"


def test_fill_quotes_the_moment_in_the_deck_language():
    en, es = load_deck("en"), load_deck("es")
    assert en.prompt("analogy-pit-crew").fill("Paying at the till") == (
        "How would a Formula 1 pit crew run “Paying at the till”? "
        "Think of clear roles, rehearsal, and every second counted.")
    assert es.prompt("po-escape").fill("  la espera\n en caja ") == (
        "Po: «la espera en caja» ya no existe y, aun así, el cliente obtiene aquello para lo "
        "que servía. ¿Cómo?")
    assert es.prompt("po-escape").fill("«la espera»").startswith("Po: «la espera» ya no")


def test_fill_is_safe_against_braces_and_format_codes():
    prompt = Prompt("x", "reversal", "Flip {moment} {moment}!", "en")
    assert prompt.fill("the {moment} of {0} %s {{}}") == \
        "Flip “the {moment} of {0} %s {{}}” “the {moment} of {0} %s {{}}”!"


def test_fill_without_a_moment_speaks_of_this_moment():
    filled = load_deck("en").prompt("po-one-second").fill("")
    assert filled.startswith("Po: this moment takes one second.")
    set_language("en")  # the deck's language decides, not the interface's
    filled = load_deck("es").prompt("po-one-second").fill(None)
    assert filled.startswith("Po: este momento dura un segundo.")


def test_draw_avoids_recent_prompts_and_respects_the_technique():
    deck = load_deck("en")
    rng = random.Random(7)
    recent: list[str] = []
    for _ in range(200):
        prompt = deck.draw(rng, exclude=recent[-10:])
        assert prompt.id not in recent[-10:]
        recent.append(prompt.id)
    assert len(set(recent)) == len(deck.prompts)  # over time the whole deck comes up
    hats = {p.id for p in deck.of("six-hats")}
    assert all(deck.draw(rng, technique="six-hats").id in hats for _ in range(20))


def test_draw_brings_back_the_oldest_when_everything_was_drawn():
    deck = load_deck("en")
    order = ["hats-blue", "hats-white", "hats-red", "hats-black", "hats-yellow", "hats-green"]
    assert deck.draw(random.Random(1), technique="six-hats", exclude=order).id == "hats-blue"
    assert deck.draw(random.Random(1), technique="six-hats",
                     exclude=order[1:] + ["hats-blue"]).id == "hats-white"


def test_draw_is_reproducible_with_a_seed():
    deck = load_deck("es")
    assert [deck.draw(random.Random(42)).id for _ in range(3)] == \
           [deck.draw(random.Random(42)).id] * 3


def test_unknown_names_are_refused_clearly():
    deck = load_deck("en")
    with pytest.raises(DeckError, match="There is no technique “hats”.*known: random-entry"):
        deck.draw(random.Random(), technique="hats")
    with pytest.raises(DeckError, match="There is no prompt “nope” in this deck."):
        deck.prompt("nope")
    with pytest.raises(DeckError, match="There is no prompt deck in the language “fr”."):
        load_deck("fr")
    assert load_deck("es_ES.UTF-8") is load_deck("es")


# ---- damaged decks -------------------------------------------------------------------------

@pytest.mark.parametrize("text, message", [
    ('language = "en"\n[[techniques]\n', "This is not valid TOML: "),
    ("[[techniques]]\nid = 'x'\n", "The deck needs a language"),
    ('language = "en"\n', "The deck has no techniques"),
    (DECK + "colour = 'red'\n",
     "Unknown key “colour” in prompt “reversal-one” (known: id, template)"),
    ('language = "en"\nextra = 1\n' + DECK[16:], "Unknown key “extra” in the deck"),
    (DECK.replace('how = "Make it fail, then flip it."\n', ""),
     "Technique “reversal” needs a text “how”"),
    (DECK.replace('id = "reversal"\n', 'id = "Re versal"\n'),
     "Technique “Re versal”: ids are lower-case"),
    (DECK + DECK[16:].replace("reversal-one", "reversal-two"),
     "Technique “reversal” appears twice"),
    (DECK.split("[[techniques.prompts]]")[0], "Technique “reversal” has no prompts"),
    (DECK + '[[techniques.prompts]]\nid = "reversal-one"\ntemplate = "Again {moment}"\n',
     "Prompt “reversal-one” appears twice"),
    (DECK.replace("{moment}", "it"), "Prompt “reversal-one” never names the moment"),
    (DECK.replace("{moment}", "{moment} at {momento}"),
     "Prompt “reversal-one” has an unknown placeholder “{momento}”"),
    (DECK.replace('template = "How could {moment} fail?"', "template = 3"),
     "Prompt “reversal-one” needs a text “template”"),
])
def test_a_damaged_deck_is_refused_with_file_and_entry(tmp_path, text, message):
    path = tmp_path / "en.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DeckError) as caught:
        read_deck(path)
    assert str(caught.value).startswith(f"{path}: {message}")


def test_a_good_small_deck_reads(tmp_path):
    path = tmp_path / "en.toml"
    path.write_text(DECK, encoding="utf-8")
    deck = read_deck(path)
    assert [p.fill("x") for p in deck.prompts] == ["How could “x” fail?"]


def test_toml_errors_name_the_line(tmp_path):
    path = tmp_path / "en.toml"
    path.write_text('language = "en"\n\nname = \n', encoding="utf-8")
    with pytest.raises(DeckError, match=r"line 3"):
        read_deck(path)


def test_unreadable_decks_are_refused(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes('language = "es"\n# ñ\n'.encode("latin-1"))
    with pytest.raises(DeckError, match="latin.toml: This file is not UTF-8 text."):
        read_deck(path)
    with pytest.raises(DeckError, match="missing.toml: The file cannot be read"):
        read_deck(tmp_path / "missing.toml")


def test_the_shipped_decks_are_the_ones_loaded():
    assert load_deck("en").path == exercises_dir() / "prompts" / "en.toml"
