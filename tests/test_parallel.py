"""krat.content.parallel: work split over two processes gives what one process would, shared objects included."""

import os
from dataclasses import dataclass

import pytest
from krat.content.parallel import MIN_ITEMS, ChildError, map_in_two


@dataclass(frozen=True)
class Shared:
    name: str


SHARED = [Shared("kukes"), Shared("korce")]


def describe(number: int) -> tuple:
    """A result that points at a shared object and says which process computed it."""
    return number * number, SHARED[number % 2], os.getpid()


def test_results_come_back_in_order_and_half_are_computed_by_a_second_process():
    results = map_in_two(describe, range(100), SHARED)
    assert [square for square, _, _ in results] == [n * n for n in range(100)]
    assert {pid for _, _, pid in results[0::2]} == {os.getpid()}
    assert os.getpid() not in {pid for _, _, pid in results[1::2]}


def test_shared_objects_come_back_as_the_parents_own_and_others_as_copies():
    results = map_in_two(describe, range(100), SHARED)
    assert all(shared is SHARED[n % 2] for n, (_, shared, _) in enumerate(results))
    unshared = map_in_two(describe, range(100))
    assert unshared[1][1] == SHARED[1] and unshared[1][1] is not SHARED[1]


def test_few_items_stay_in_one_process():
    results = map_in_two(describe, range(MIN_ITEMS - 1), SHARED)
    assert {pid for _, _, pid in results} == {os.getpid()}


def fail_on_odd(number: int) -> int:
    if number == 51:
        raise ValueError("numri 51")
    return number


def test_an_error_in_the_second_process_is_raised_with_its_traceback():
    with pytest.raises(ChildError, match=r"(?s)ValueError: numri 51"):
        map_in_two(fail_on_odd, range(100))


def test_an_error_in_the_first_process_is_raised_as_itself_and_the_second_is_reaped():
    def fail_on_even(number: int) -> int:
        if number == 50:
            raise KeyError("numri 50")
        return number

    with pytest.raises(KeyError):
        map_in_two(fail_on_even, range(100))
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind


def test_a_result_that_cannot_be_pickled_is_an_error_not_a_hang():
    with pytest.raises(ChildError, match="pickle"):
        map_in_two(lambda number: lambda: number, range(100))


def test_a_second_process_that_dies_is_an_error_not_a_hang():
    def die_on_odd(number: int) -> int:
        if number % 2:
            os._exit(3)  # as if killed: nothing comes back
        return number

    with pytest.raises(ChildError, match="0 bytes came back"):
        map_in_two(die_on_odd, range(100))
