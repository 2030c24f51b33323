"""JSON (``.json``): not a record input of `score`; corpus preparation reads it through `datasets`."""
from ..base import FileFormat

FORMAT = FileFormat("json", (".json",))
