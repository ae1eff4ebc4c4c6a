package tally.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import tally.api.ListParams;
import tally.api.Metadata;
import tally.api.Params;
import tally.api.Patch;
import tally.core.Json;

/** Params of the product and price endpoints. */
final class CatalogParams {
  private CatalogParams() {}

  record ProductFields(
      String id,
      Patch<String> name,
      Boolean active,
      Patch<String> description,
      List<String> images,
      Metadata metadata,
      String type,
      Patch<String> url,
      Boolean shippable,
      Patch<String> unitLabel,
      Patch<String> statementDescriptor,
      Patch<String> taxCode,
      String defaultPrice,
      PriceSpec defaultPriceData) {

    static ProductFields decodeCreate(Params p) {
      ProductFields f = read(p, true);
      if (!(f.name() instanceof Patch.Set<String>)) {
        p.fail(tally.api.Errors.missing("name"));
      }
      return f;
    }

    static ProductFields decodeUpdate(Params p) {
      return read(p, false);
    }

    private static ProductFields read(Params p, boolean create) {
      String id = create ? p.string("id") : null;
      Params data = create ? p.hash("default_price_data") : null;
      PriceSpec defaultPriceData = data == null ? null : PriceSpec.read(data, false);
      p.raw("marketing_features");
      p.raw("package_dimensions");
      return new ProductFields(
          id,
          p.stringPatch("name"),
          p.bool("active"),
          p.stringPatch("description"),
          p.stringList("images"),
          Metadata.read(p),
          create ? p.oneOf("type", List.of("good", "service")) : null,
          p.stringPatch("url"),
          p.bool("shippable"),
          p.stringPatch("unit_label"),
          p.stringPatch("statement_descriptor"),
          p.stringPatch("tax_code"),
          create ? null : p.string("default_price"),
          defaultPriceData);
    }
  }

  record ProductList(
      ListParams page, Boolean active, List<String> ids, Boolean shippable, String url) {
    static ProductList decode(Params p) {
      return new ProductList(
          ListParams.read(p),
          p.bool("active"),
          p.stringList("ids"),
          p.bool("shippable"),
          p.string("url"));
    }
  }

  record PriceCreate(
      PriceSpec spec,
      String product,
      Params productData,
      String productName,
      Boolean active,
      String lookupKey,
      boolean transferLookupKey,
      String nickname,
      Map<String, String> metadata,
      JsonNode transformQuantity) {

    static PriceCreate decode(Params p) {
      PriceSpec spec = PriceSpec.read(p, true);
      String product = p.string("product");
      Params productData = p.hash("product_data");
      String productName = productData == null ? null : productData.requiredString("name");
      if (productData != null) {
        productData.raw("metadata");
        productData.raw("active");
        productData.raw("id");
        productData.raw("statement_descriptor");
        productData.raw("tax_code");
        productData.raw("unit_label");
      }
      if (product == null && productData == null) {
        p.fail(tally.api.Errors.missing("product"));
      }
      Params transform = p.hash("transform_quantity");
      JsonNode t = null;
      if (transform != null) {
        Long divideBy = transform.positiveInteger("divide_by", true);
        String round = transform.oneOf("round", List.of("down", "up"));
        if (round == null) {
          transform.requiredString("round");
        }
        t =
            divideBy == null || round == null
                ? null
                : Json.object().put("divide_by", divideBy).put("round", round);
      }
      if (t != null && "tiered".equals(spec.billingScheme())) {
        p.fail(
            tally.api.Errors.invalid(
                "transform_quantity",
                "transform_quantity cannot be used with billing_scheme=tiered."));
      }
      return new PriceCreate(
          spec,
          product,
          productData,
          productName,
          p.bool("active"),
          p.string("lookup_key"),
          Boolean.TRUE.equals(p.bool("transfer_lookup_key")),
          p.string("nickname"),
          Metadata.read(p).applyTo(Map.of()),
          t);
    }
  }

  record PriceUpdate(
      Boolean active,
      Patch<String> lookupKey,
      boolean transferLookupKey,
      Patch<String> nickname,
      Metadata metadata,
      String taxBehavior) {
    static PriceUpdate decode(Params p) {
      PriceUpdate u =
          new PriceUpdate(
              p.bool("active"),
              p.stringPatch("lookup_key"),
              Boolean.TRUE.equals(p.bool("transfer_lookup_key")),
              p.stringPatch("nickname"),
              Metadata.read(p),
              p.oneOf("tax_behavior", List.of("exclusive", "inclusive", "unspecified")));
      p.raw("currency_options");
      return u;
    }
  }

  record PriceList(
      ListParams page,
      Boolean active,
      String currency,
      String product,
      String type,
      List<String> lookupKeys) {
    static PriceList decode(Params p) {
      PriceList l =
          new PriceList(
              ListParams.read(p),
              p.bool("active"),
              p.string("currency"),
              p.string("product"),
              p.oneOf("type", List.of("one_time", "recurring")),
              p.stringList("lookup_keys"));
      p.raw("recurring");
      return l;
    }
  }
}
