"""The public catalogue lists published products of a commune or province; search ignores
accents and case."""

from xaso.economy.selectors import catalogue
from xaso.economy.services import product_save


def test_search_without_accents_finds_the_product(product):
    assert list(catalogue(q="che lam")) == [product]
    assert list(catalogue(q="CHÈ LAM phủ")) == [product]
    assert list(catalogue(q="dinh tan")) == [product]  # by the producer's name
    assert list(catalogue(q="banh chung")) == []


def test_an_unpublished_product_is_not_in_the_catalogue(product, specialist, producer):
    product_save(
        actor=specialist, producer=producer, data={"name": "Nháp", "category": "food", "is_published": False}
    )
    assert list(catalogue()) == [product]


def test_the_catalogue_filters_by_province_and_commune(product, far_commune):
    assert list(catalogue(province_code=product.commune.province_id)) == [product]
    assert list(catalogue(province_code=far_commune.province_id)) == []
    assert list(catalogue(commune_code=far_commune.code)) == []
