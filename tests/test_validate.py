import pytest

from dateline.errors import ReportError
from dateline.validate import check_text, decode, guess_language


def test_validate_rejects_empty_and_whitespace():
    with pytest.raises(ReportError, match="empty"):
        check_text("  \n ")


def test_validate_rejects_binary_bytes():
    with pytest.raises(ReportError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_validate_reads_bytes_that_are_not_utf8_as_windows_1252():
    assert decode(b"caf\xe9 attack, \x93they said\x94") == "café attack, “they said”"


def test_validate_names_where_utf16_breaks():
    with pytest.raises(ReportError, match=r"not valid UTF-16 \(unexpected end of data at byte 8\)"):
        decode(b"\xff\xfe" + "War".encode("utf-16-le") + b"\x00\xd8")


def test_validate_rejects_over_long_reports():
    with pytest.raises(ReportError, match="over the limit"):
        check_text("War. " * 100, max_chars=100)


def test_validate_detects_non_english():
    french = "La guerre continue et les soldats ont attaqué la ville pendant la nuit, selon les autorités du pays."
    assert guess_language(french) is None
    assert guess_language("The soldiers attacked the town during the night, the authorities of the country said.") == "en"
    with pytest.raises(ReportError, match="not in English"):
        check_text(french)


def test_validate_takes_a_short_english_item_with_few_function_words():
    alert = "BREAKING: Israeli airstrikes hit Rafah overnight, Palestinian health officials say; dozens reported dead."
    assert guess_language(alert) == "en"
    assert guess_language("KHARTOUM, June 12 (AP) — Sudan's paramilitary Rapid Support Forces shelled a camp near "
                          "El Fasher on Tuesday.") == "en"
    assert guess_language("Las tropas atacaron la ciudad durante la noche, según las autoridades del país.") is None


def test_validate_detects_news_in_other_scripts():
    assert guess_language("Российские войска нанесли удар по Харькову в понедельник, заявили официальные лица.") is None
    assert guess_language("俄罗斯军队周一袭击了哈尔科夫，官员说。") is None
    assert guess_language("Shelling hit دمشق and حلب on Monday, killing four people, the monitor said.") == "en"
