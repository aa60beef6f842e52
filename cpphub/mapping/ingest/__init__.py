"""The engine under ``submissions_ingest``: reading records against an instrument, and writing them in bulk.

Reading a record checks every value (a choice of its question, a number) and
says who answered; the first problem raises a ``RowError`` naming the row and
the column. Records are written a batch at a time with ``executemany`` on the
database cursor (submission ids allocated up front, so their answers go in the
same way), and the counts of the risk map are added up in memory and written
once at the end.

Records usually share their columns (every row of a spreadsheet, most
submissions of a form), so what each column is gets worked out once per set
of columns, not once per value.
"""

from cpphub.mapping.ingest.columns import (
    ACTIONS,
    DROP,
    PSEUDONYMISE,
    Form,
    IdentifyingColumns,
    IngestResult,
    RowError,
    identifying,
    identifying_message,
    is_meta,
    pseudonym,
    validated_actions,
)
from cpphub.mapping.ingest.records import Ingest, Row, allocate_ids, checked_value

__all__ = [
    "ACTIONS",
    "DROP",
    "PSEUDONYMISE",
    "Form",
    "IdentifyingColumns",
    "Ingest",
    "IngestResult",
    "Row",
    "RowError",
    "allocate_ids",
    "checked_value",
    "identifying",
    "identifying_message",
    "is_meta",
    "pseudonym",
    "validated_actions",
]
