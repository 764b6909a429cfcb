"""What a paste of several lines becomes (core/paste.py)."""

from workshop.core.paste import join_lines, pasted_lines


def test_lines_are_trimmed_and_lose_list_markers_and_blank_lines_are_counted():
    text = ("- Queue at the till\n\n  • Staff were friendly  \n* 3: parking full\n   \n"
            "1. kept as is\n")
    assert pasted_lines(text) == (
        ["Queue at the till", "Staff were friendly", "3: parking full", "1. kept as is"], 2)


def test_windows_and_old_mac_line_ends_split_too():
    assert pasted_lines("a\r\nb\rc") == (["a", "b", "c"], 0)


def test_one_line_is_one_line_and_nothing_is_nothing():
    assert pasted_lines("just this\n") == (["just this"], 0)
    assert pasted_lines("\n \n") == ([], 2)


def test_joined_lines_keep_thoughts_apart():
    assert join_lines(["Queue too long", "staff friendly"]) == "Queue too long; staff friendly"
    assert join_lines(["It took ages.", "Nobody helped"]) == "It took ages. Nobody helped"
    assert join_lines(["Ana (families)", "Luis", "P3"], ", ") == "Ana (families), Luis, P3"


def test_control_characters_no_key_could_type_are_left_out():
    text = "Queue\x1b]0;pwned\x07 long\ttoo\n\x9b2Jstaff\x7f ok\n\x1b\x00\n"
    assert pasted_lines(text) == (["Queue]0;pwned long too", "2Jstaff ok"], 1)
