"""vocab.Vocabulary: word ids, columns computed once per word, a fresh start past the
limit (between values only), and consistent reads from several threads."""
import threading

from indexer.analysis import WORD_RE
from indexer.vocab import Vocabulary

TEXTS = ["قصفت الطائرات مدينة حلب", "حلب\nادلب حماه", "", "word_two 123\n\nحلب حلب", "ريف دمشق الغربي"]


def test_a_column_holds_its_function_of_each_word_computed_once():
    vocab, calls = Vocabulary(), []
    vocab.take("حلب ادلب", vocab.column(len))
    column = vocab.column(lambda w: calls.append(w) or w[::-1])  # filled for the words known
    assert calls == ["حلب", "ادلب"]
    assert vocab.take("ادلب حلب\nحمص حلب", column) == ["بلدا", "بلح", "صمح", "بلح"]
    assert calls == ["حلب", "ادلب", "حمص"]


def test_an_int_column_takes_as_a_numpy_array():
    vocab = Vocabulary()
    lengths = vocab.column(len, numeric=True)
    assert vocab.take("قصفت الطائرات حلب", lengths).tolist() == [4, 8, 3]
    assert vocab.take("", lengths).tolist() == []
    assert len(vocab.take(" ".join(f"w{i}" for i in range(5000)), lengths)) == 5000  # the array grows


def test_past_the_limit_the_vocabulary_starts_afresh_between_values():
    vocab, resets = Vocabulary(limit=3), []
    words = vocab.column(str.upper, on_reset=lambda: resets.append(len(vocab)))
    assert vocab.take("a b c d e", words) == ["A", "B", "C", "D", "E"]  # never within a value
    assert len(vocab) == 5 and resets == []
    assert vocab.take("f a", words) == ["F", "A"]
    assert resets == [0] and vocab.words == ["f", "a"] and vocab.ids_of("a f") == [1, 0]


def test_every_text_gives_its_words_whatever_the_resets():
    vocab = Vocabulary(limit=4)
    words = vocab.column(str)
    for _ in range(3):
        for text in TEXTS:
            assert vocab.take(text, words) == WORD_RE.findall(text)


def test_threads_read_consistent_ids_and_columns():
    vocab = Vocabulary(limit=50)  # resets all the time
    reversed_words = vocab.column(lambda w: w[::-1])
    texts = [" ".join(f"{c}{i}{j}" for j in range(20)) for i in range(40) for c in "اب"]
    errors = []

    def read():
        for text in texts * 3:
            if vocab.take(text, reversed_words) != [w[::-1] for w in text.split()]:
                errors.append(text)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
