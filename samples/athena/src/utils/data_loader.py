"""Loading the product records Athena writes descriptions for."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional

REQUIRED_FIELDS = ("id", "name", "category")


@dataclass(frozen=True)
class Item:
    """One product record: what the description generator works from."""

    item_id: str
    name: str
    category: str
    attributes: Dict[str, str] = field(default_factory=dict)


class DataLoader:
    """Holds validated items and hands them out whole or in batches."""

    def __init__(self, records: List[dict]):
        self._items = [self._to_item(record) for record in records]

    @staticmethod
    def _to_item(record: dict) -> Item:
        missing = [name for name in REQUIRED_FIELDS if name not in record]
        if missing:
            raise ValueError(f"record {record.get('id', '?')} lacks {', '.join(missing)}")
        attributes = {str(k): str(v) for k, v in record.get("attributes", {}).items()}
        return Item(str(record["id"]), record["name"].strip(), record["category"], attributes)

    @classmethod
    def from_json(cls, path: Path) -> "DataLoader":
        with open(path, encoding="utf-8") as handle:
            records = json.load(handle)
        if not isinstance(records, list):
            raise ValueError(f"{path}: expected a list of records")
        return cls(records)

    def __len__(self) -> int:
        return len(self._items)

    def load_items(self, category: Optional[str] = None) -> List[Item]:
        if category is None:
            return list(self._items)
        return [item for item in self._items if item.category == category]

    def iter_batches(self, batch_size: int) -> Iterator[List[Item]]:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        for start in range(0, len(self._items), batch_size):
            yield self._items[start:start + batch_size]

    def categories(self) -> List[str]:
        return sorted({item.category for item in self._items})


_CATALOGUE = {
    "lamp": (["Arc", "Desk", "Reading", "Pendant"], {"material": ["brass", "oak", "steel"],
                                                     "color": ["black", "white", "sage"]}),
    "chair": (["Lounge", "Dining", "Office"], {"material": ["walnut", "rattan", "steel"],
                                               "size": ["compact", "standard", "wide"]}),
    "rug": (["Kilim", "Shag", "Runner"], {"material": ["wool", "jute", "cotton"],
                                          "color": ["ochre", "indigo", "grey"],
                                          "size": ["160x230", "200x300", "80x250"]}),
    "mug": (["Stoneware", "Travel", "Espresso"], {"material": ["ceramic", "enamel"],
                                                  "color": ["speckled", "cobalt", "cream"]}),
}


def create_mock_data_loader(count: int = 120, seed: int = 7) -> DataLoader:
    """A loader over ``count`` made-up but plausible records, the same for the same seed."""
    rng = random.Random(seed)
    categories = sorted(_CATALOGUE)
    records = []
    for number in range(count):
        category = categories[number % len(categories)]
        names, options = _CATALOGUE[category]
        attributes = {name: rng.choice(values) for name, values in options.items() if rng.random() < 0.8}
        if rng.random() < 0.3:
            attributes["brand"] = rng.choice(["Nordlys", "Casa Verde", "Hearth & Co"])
        records.append({
            "id": f"SKU-{number + 1:05d}",
            "name": f"  {rng.choice(names)} {category}  ",
            "category": category,
            "attributes": attributes,
        })
    return DataLoader(records)
