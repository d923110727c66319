"""Amounts in Chinese capital numerals (大写金额), as financial documents write them.

The rules (docs/formats.md, "Documents"): the 人民币 prefix; 零 where a zero digit or a group
of zeros is skipped, and always when 角 is 0 and 分 is not; 整 after 元 or 角 when nothing
follows.
Written here on integer fen rather than taken from cn2an, whose `rmb` mode omits 整
after 角 (100.10 -> 壹佰元壹角) and reads amounts through floats.
"""
from __future__ import annotations

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")
GROUPS = ("", "万", "亿", "万亿")


def yuan_words(yuan: int) -> str:
    """A whole number of yuan in capitals, without 元: 1005 -> 壹仟零伍."""
    if yuan == 0:
        return DIGITS[0]
    groups = []
    while yuan:
        yuan, group = divmod(yuan, 10_000)
        groups.append(group)
    if len(groups) > len(GROUPS):
        raise ValueError("amount too large for words")
    words, zero_pending = [], False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            zero_pending = bool(words)
            continue
        digits = f"{group:04d}" if words else str(group)
        for position, char in enumerate(digits):
            digit = int(char)
            if digit == 0:
                zero_pending = bool(words)
                continue
            if zero_pending:
                words.append(DIGITS[0])
                zero_pending = False
            words.append(DIGITS[digit] + PLACES[len(digits) - 1 - position])
        words.append(GROUPS[index])
        zero_pending = False  # zeros that end a group are not read: 壹拾万柒仟
    return "".join(words)


def amount_in_words(fen: int) -> str:
    """人民币 and a non-negative amount in capitals.

    Examples: 5 -> 人民币伍分; 1000 -> 人民币壹拾元整; 10010 -> 人民币壹佰元壹角整;
    100507 -> 人民币壹仟零伍元零柒分.
    """
    if fen < 0:
        raise ValueError("amounts in words are written for non-negative amounts")
    yuan, rest = divmod(fen, 100)
    jiao, cents = divmod(rest, 10)
    words = ["人民币"]
    if yuan or not rest:
        words.append(yuan_words(yuan) + "元")
    if jiao:
        words.append(DIGITS[jiao] + "角")
    elif cents and yuan:
        words.append(DIGITS[0])
    if cents:
        words.append(DIGITS[cents] + "分")
    else:
        words.append("整")
    return "".join(words)
