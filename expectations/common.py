"""Running a table's suite with Great Expectations: the single polars -> pandas hop.

Each run builds an ephemeral context in code (a file context breaks on the second run, see
STACK-NOTES). Types are enforced in polars first; derived checks (evidence equals the article
text at its offsets, at least two distinct parties) are boolean columns computed in polars, then
validated by GE like any other column. Row-level failures come back as rows to quarantine;
table-level failures (schema, uniqueness) raise ``TableLevelFailure``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import polars as pl

from transforms.releases import quarantine_rows
from transforms.schemas import QUARANTINE, TABLES

__all__ = [
    "Check",
    "TableLevelFailure",
    "TableValidation",
    "ValidationSession",
    "type_checks",
]

ROW = "_row"
Level = Literal["row", "table"]


class TableLevelFailure(RuntimeError):
    """A table-level expectation failed: nothing may be published."""


@dataclass(frozen=True)
class Check:
    """One expectation and what a failure means: quarantine the rows, or block publishing."""

    expectation: Any  # a great_expectations Expectation
    level: Level
    column: str | None = None
    why: str = ""  # what a failure means, in words ("evidence is not the article text")
    shows: tuple[str, ...] = ()  # columns whose values explain a failure (default: column)

    def detail(self, row: dict[str, Any]) -> str:
        columns = self.shows or ((self.column,) if self.column else ())
        values = ", ".join(f"{c}={row.get(c)!r}" for c in columns)
        return "; ".join(part for part in (self.why, values) if part) or self.name

    @property
    def name(self) -> str:
        kind = str(self.expectation.expectation_type)
        return f"{kind}({self.column})" if self.column else kind


@dataclass
class TableValidation:
    table: str
    valid: pl.DataFrame
    quarantine: pl.DataFrame
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return all(r["success"] for r in self.results)

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [r for r in self.results if not r["success"]]


_PANDAS_TYPES: dict[type, list[str]] = {
    pl.String: ["str"],
    pl.Float64: ["float64"],
    pl.Int64: ["int64", "float64"],  # an integer column with nulls becomes float64 in pandas
    pl.Date: ["datetime64[ms]"],
    pl.Boolean: ["bool", "object"],
    pl.Datetime: ["Timestamp"],  # GE reports tz-aware columns by element type
}


def type_checks(table: str) -> list[Check]:
    """One type expectation per scalar column of a published table."""
    import great_expectations.expectations as gxe

    checks = []
    for c in TABLES[table].columns:
        names = _PANDAS_TYPES.get(type(c.dtype))
        if names is None:
            continue  # lists and structs are checked in polars, before the hop
        expectation = (
            gxe.ExpectColumnValuesToBeOfType(column=c.name, type_=names[0])
            if len(names) == 1  # a type list fails on pandas 3 strings, see STACK-NOTES
            else gxe.ExpectColumnValuesToBeInTypeList(column=c.name, type_list=names)
        )
        checks.append(Check(expectation, "table", c.name))
    return checks


def required_checks(table: str, level: Level = "row") -> list[Check]:
    import great_expectations.expectations as gxe

    return [
        Check(gxe.ExpectColumnValuesToNotBeNull(column=name), level, name)
        for name in TABLES[table].required
        if not isinstance(TABLES[table].column(name).dtype, pl.List | pl.Struct)
    ]


def schema_check(table: str) -> list[Check]:
    import great_expectations.expectations as gxe

    scalar = [c.name for c in TABLES[table].columns if not isinstance(c.dtype, pl.List | pl.Struct)]
    return [Check(gxe.ExpectTableColumnsToMatchSet(column_set=scalar, exact_match=False), "table")]


def _escaped(frame: pl.DataFrame) -> pl.DataFrame:
    """String cells with ``&``, ``<`` and ``>`` escaped, for the copy Great Expectations sees.

    Data Docs show failing values without escaping them, and values come from web pages. The
    escaping is one-to-one and touches no character the checks look for (sets, hex and URL
    patterns, uniqueness); the rows published or quarantined are the unescaped originals.
    """
    strings = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.col(name)
        .str.replace_all("&", "&amp;", literal=True)
        .str.replace_all("<", "&lt;", literal=True)
        .str.replace_all(">", "&gt;", literal=True)
        for name in strings
    )


class ValidationSession:
    """One ephemeral GE context for a run; Data Docs go to ``data_docs`` when given."""

    def __init__(self, data_docs: Path | None = None) -> None:
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self._gx = gx
        self._count = 0
        self._id = uuid.uuid4().hex[:8]  # names stay unique if GE hands back a shared context
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.data_docs = data_docs
        self._site = None
        if data_docs is not None:
            data_docs.mkdir(parents=True, exist_ok=True)
            self._site = f"aideals_{self._id}"
            self.context.add_data_docs_site(
                site_name=self._site,
                site_config={
                    "class_name": "SiteBuilder",
                    "store_backend": {
                        "class_name": "TupleFilesystemStoreBackend",
                        "base_directory": str(data_docs),
                    },
                    "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                },
            )
        self._source = self.context.data_sources.add_pandas(f"aideals_{self._id}")

    def validate(
        self,
        table: str,
        frame: pl.DataFrame,
        checks: list[Check],
        *,
        at: datetime,
        source_column: str | None = None,
    ) -> TableValidation:
        """Validate a prepared frame (published columns plus ``check_*`` columns)."""
        gx = self._gx
        spec = TABLES[table]
        mismatches = (
            spec.schema_mismatches(frame.select(spec.names))
            if set(spec.names) <= set(frame.columns)
            else [f"missing {sorted(set(spec.names) - set(frame.columns))}"]
        )
        if mismatches:
            raise TableLevelFailure(
                f"{table}: expect_table_schema_to_match_data_dictionary failed: "
                + "; ".join(mismatches)
            )
        numbered = frame.with_row_index(ROW).with_columns(pl.col(ROW).cast(pl.Int64))
        scalar = [n for n, t in numbered.schema.items() if not isinstance(t, pl.List | pl.Struct)]
        pdf = _escaped(numbered.select(scalar)).to_pandas()  # the single polars -> pandas hop

        self._count += 1
        label = f"{table}_{self._id}_{self._count}"  # one session may validate a table twice
        suite = self.context.suites.add(gx.ExpectationSuite(name=label))
        for check in checks:
            suite.add_expectation(check.expectation)
        asset = self._source.add_dataframe_asset(label)
        batch = asset.add_batch_definition_whole_dataframe(f"{table}_batch")
        definition = self.context.validation_definitions.add(
            gx.ValidationDefinition(data=batch, suite=suite, name=label)
        )
        actions = []
        if self._site is not None:
            actions.append(gx.checkpoint.UpdateDataDocsAction(name="docs", site_names=[self._site]))
        checkpoint = self.context.checkpoints.add(
            gx.Checkpoint(
                name=f"{label}_checkpoint",
                validation_definitions=[definition],
                actions=actions,
                result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [ROW]},
            )
        )
        outcome = checkpoint.run(batch_parameters={"dataframe": pdf})

        # GE hands back copies of the configurations: match results by type and column.
        by_type_column = {(str(c.expectation.expectation_type), c.column): c for c in checks}
        if len(by_type_column) != len(checks):
            raise ValueError(f"{table}: two checks share an expectation type and column")
        results: list[dict[str, Any]] = []
        bad_rows: dict[int, list[tuple[Check, str]]] = {}
        table_failures: list[str] = []
        for run in outcome.run_results.values():
            for r in run.results:
                config = r.expectation_config
                column = config.kwargs.get("column")
                check = by_type_column.get((config.type, column))
                level = check.level if check else "table"
                name = check.name if check else config.type
                raised = bool(r.exception_info and r.exception_info.get("raised_exception"))
                unexpected = int(r.result.get("unexpected_count") or 0)
                results.append(
                    {
                        "table": table,
                        "expectation": name,
                        "level": level,
                        "success": bool(r.success),
                        "unexpected_count": unexpected,
                    }
                )
                if r.success:
                    continue
                if level == "table" or raised:
                    table_failures.append(
                        f"{name} failed ({unexpected} of {frame.height} rows)"
                        + (f": {r.exception_info.get('exception_message')}" if raised else "")
                    )
                    continue
                for item in r.result.get("unexpected_index_list") or []:
                    index = int(item[ROW]) if isinstance(item, dict) else int(item)
                    bad_rows.setdefault(index, []).append((check, name))  # type: ignore[arg-type]
        if table_failures:
            raise TableLevelFailure(f"{table}: " + "; ".join(table_failures))

        quarantined = [QUARANTINE.empty()]
        for index, failures in sorted(bad_rows.items()):
            full = numbered.filter(pl.col(ROW) == index)
            row = full.select(spec.names)
            values = full.row(0, named=True)
            for check, name in failures:
                quarantined.append(
                    quarantine_rows(
                        table, row, expectation=name, details=[check.detail(values)],
                        source_column=source_column, at=at,
                    )
                )  # fmt: skip
        valid = numbered.filter(~pl.col(ROW).is_in(list(bad_rows))).select(spec.names)
        return TableValidation(table, valid, pl.concat(quarantined), results)

    def build_docs(self) -> Path | None:
        if self._site is None or self.data_docs is None:
            return None
        from expectations.offline_docs import make_offline

        self.context.build_data_docs(site_names=[self._site])
        make_offline(self.data_docs)
        return self.data_docs / "index.html"
