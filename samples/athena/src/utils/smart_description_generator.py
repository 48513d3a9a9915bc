"""Rule-weighted description generation.

Each rule adds one attribute to the text and raises the generator's confidence by the
rule's weight; the feedback loop tunes the weights from reviewer decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Tuple

DEFAULT_TEMPLATE = "{name}."

DEFAULT_RULES: Dict[str, Tuple[str, str, float]] = {
    # rule id: (attribute, phrase, weight)
    "mention_material": ("material", "made of {value}", 0.18),
    "mention_color": ("color", "in {value}", 0.12),
    "mention_size": ("size", "size {value}", 0.10),
    "mention_brand": ("brand", "by {value}", 0.05),
}


@dataclass(frozen=True)
class Description:
    item_id: str
    text: str
    confidence: float
    rule_ids: Tuple[str, ...]


class SmartDescriptionGenerator:
    """Builds a description from a category template plus the rules that apply to an item."""

    BASE_CONFIDENCE = 0.45
    MAX_CONFIDENCE = 0.99

    def __init__(self, templates: Dict[str, str], rules: Dict[str, Tuple[str, str, float]] = None):
        self.templates = dict(templates)
        self._rules = dict(DEFAULT_RULES if rules is None else rules)

    @property
    def rules(self) -> Dict[str, float]:
        """Rule id -> current weight."""
        return {rule_id: weight for rule_id, (_, _, weight) in self._rules.items()}

    def update_rule(self, rule_id: str, weight: float) -> None:
        if rule_id not in self._rules:
            raise KeyError(f"unknown rule {rule_id}")
        attribute, phrase, _ = self._rules[rule_id]
        self._rules[rule_id] = (attribute, phrase, max(0.0, min(0.5, weight)))

    def generate(self, item) -> Description:
        if not item.name:
            raise ValueError(f"item {item.item_id} has no name")
        template = self.templates.get(item.category, DEFAULT_TEMPLATE)
        parts: List[str] = []
        applied: List[str] = []
        confidence = self.BASE_CONFIDENCE
        for rule_id, (attribute, phrase, weight) in sorted(self._rules.items()):
            value = item.attributes.get(attribute)
            if value:
                parts.append(phrase.format(value=value))
                applied.append(rule_id)
                confidence += weight
        text = template.format(name=item.name)
        if parts:
            text = text.rstrip(".") + ", " + ", ".join(parts) + "."
        return Description(item.item_id, text, round(min(confidence, self.MAX_CONFIDENCE), 4), tuple(applied))


def create_mock_generator() -> SmartDescriptionGenerator:
    """The generator the tests and local runs use: fixed templates, default rules."""
    return SmartDescriptionGenerator({
        "lamp": "The {name} casts a warm, even light.",
        "chair": "The {name} is built for long, comfortable sitting.",
        "rug": "The {name} brings texture underfoot.",
        "mug": "The {name} keeps your coffee company.",
    })
