package dev.tributary.catalog.rest;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.apache.iceberg.rest.RESTSerializers;

/**
 * The JSON mapping of the Iceberg REST protocol. Iceberg's own {@code RESTObjectMapper} is
 * package-private, so this builds an equivalent one: field access, kebab-case names, unknown
 * properties ignored, and Iceberg's serializers for metadata, updates and requirements.
 */
final class RestJson {
  private RestJson() {}

  static final ObjectMapper MAPPER = create();

  private static ObjectMapper create() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    mapper.setPropertyNamingStrategy(new PropertyNamingStrategies.KebabCaseStrategy());
    RESTSerializers.registerAll(mapper);
    return mapper;
  }
}
