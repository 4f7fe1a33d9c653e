"""Where a run's time goes, stage by stage: what `aktgranskning run` and `make bench` report."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

# discover: list and hash the export; extract, analyse: in the workers, their seconds summed;
# in_parallel: the wall time of the workers' phase; compare: order against plan; load: masking, the
# warehouse transaction and the published copy.
STAGES = ("discover", "extract", "analyse", "in_parallel", "compare", "load")


@dataclass(slots=True)
class StageTimes:
    seconds: dict[str, float] = field(default_factory=dict)
    items: dict[str, int] = field(default_factory=dict)  # files, documents or cases the stage handled

    def add(self, stage: str, seconds: float, items: int = 0) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds
        self.items[stage] = self.items.get(stage, 0) + items

    @contextmanager
    def measure(self, stage: str, items: int = 0) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(stage, time.perf_counter() - started, items)

    def timed(self, stage: str, function: Callable[P, R]) -> Callable[P, R]:
        """``function``, adding each call's time and one item to ``stage``."""

        def timed_call(*args: P.args, **kwargs: P.kwargs) -> R:
            with self.measure(stage, 1):
                return function(*args, **kwargs)

        return timed_call

    def rate(self, stage: str) -> float:
        """Items per second (per worker for the summed stages)."""
        seconds = self.seconds.get(stage, 0.0)
        return self.items.get(stage, 0) / seconds if seconds > 0 else 0.0

    def lines(self) -> list[str]:
        """One line per stage: seconds, items, items per second."""
        return [
            f"{stage:<12} {seconds:8.2f} s {self.items.get(stage, 0):8d} {self.rate(stage):9.1f}/s"
            for stage in STAGES
            if (seconds := self.seconds.get(stage)) is not None
        ]
