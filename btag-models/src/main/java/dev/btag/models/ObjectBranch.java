package dev.btag.models;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One branch of a DeepJet-style tagger: the collection it reads (objects x variables per jet), the 1x1 convolutions
 * applied to each object, the LSTM that runs over the objects and, optionally, the variable the objects are sorted by
 * (descending) before the LSTM. This record copies its array in and out and is immutable.
 *
 * <p>DeepJet (arXiv:2008.10519) uses convolutions 64, 32, 32, 8 and an LSTM of 150 for the charged candidates, 32,
 * 16, 4 and 50 for the neutral candidates and 64, 32, 32, 8 and 50 for the secondary vertices; {@link #deepJet}
 * gives these by collection name.
 *
 * @param collection the collection's name in the layout, for example {@code charged}
 * @param objects object slots per jet O (25 for the tutorial's charged candidates)
 * @param variables variables per object V (16 for the tutorial's charged candidates)
 * @param convFilters the 1x1 convolution widths, first layer first (at least one, each positive)
 * @param recurrentUnits the LSTM's state size, the width of the branch's summary
 * @param sortVariable the index in [0, V) of the variable to sort the objects by, descending, or -1 to keep the
 *     stored order
 */
public record ObjectBranch(String collection, int objects, int variables, int[] convFilters, int recurrentUnits,
                           int sortVariable) {

    /**
     * Validates and copies.
     *
     * @param collection the collection component
     * @param objects the objects component
     * @param variables the variables component
     * @param convFilters the convFilters component
     * @param recurrentUnits the recurrentUnits component
     * @param sortVariable the sortVariable component
     * @throws IllegalArgumentException when a size is below 1, there are no filters, or the sort variable is out of
     *     range; the message names the collection and the setting
     */
    public ObjectBranch {
        Objects.requireNonNull(collection, "collection");
        convFilters = convFilters.clone();
        if (objects < 1 || variables < 1) {
            throw new IllegalArgumentException("branch '" + collection + "': objects and variables must be positive,"
                + " got " + objects + " x " + variables);
        }
        if (convFilters.length == 0 || Arrays.stream(convFilters).anyMatch(f -> f < 1)) {
            throw new IllegalArgumentException("branch '" + collection + "': convFilters must be one or more positive"
                + " widths, got " + Arrays.toString(convFilters));
        }
        if (recurrentUnits < 1) {
            throw new IllegalArgumentException("branch '" + collection + "': recurrentUnits must be positive, got "
                + recurrentUnits);
        }
        if (sortVariable < -1 || sortVariable >= variables) {
            throw new IllegalArgumentException("branch '" + collection + "': sortVariable must be -1 or in [0, "
                + variables + "), got " + sortVariable);
        }
    }

    /**
     * The DeepJet paper's branch for a collection, chosen by name: {@code charged} gets 64, 32, 32, 8 and LSTM 150,
     * {@code neutral} 32, 16, 4 and LSTM 50, any other collection (the vertices, the seeding tracks, a layout's own)
     * 64, 32, 32, 8 and LSTM 50. The objects keep their stored order.
     *
     * @param collection the collection's name
     * @param objects object slots per jet
     * @param variables variables per object
     * @return the branch
     */
    public static ObjectBranch deepJet(String collection, int objects, int variables) {
        return switch (collection) {
            case "charged" -> new ObjectBranch(collection, objects, variables, new int[] {64, 32, 32, 8}, 150, -1);
            case "neutral" -> new ObjectBranch(collection, objects, variables, new int[] {32, 16, 4}, 50, -1);
            default -> new ObjectBranch(collection, objects, variables, new int[] {64, 32, 32, 8}, 50, -1);
        };
    }

    /**
     * This branch with other convolution widths and LSTM size.
     *
     * @param filters the 1x1 convolution widths
     * @param units the LSTM's state size
     * @return a new branch
     */
    public ObjectBranch withWidths(int[] filters, int units) {
        return new ObjectBranch(collection, objects, variables, filters, units, sortVariable);
    }

    /**
     * This branch with its objects sorted by a variable (descending) before the LSTM, or kept in stored order.
     *
     * @param variable the index in [0, V), or -1 for the stored order
     * @return a new branch
     */
    public ObjectBranch withSortVariable(int variable) {
        return new ObjectBranch(collection, objects, variables, convFilters, recurrentUnits, variable);
    }

    /**
     * Validates a tagger's branches and applies sort variables to them by collection name.
     *
     * @param tagger the architecture's name, for messages
     * @param branches one or more branches with distinct collections
     * @param sortBy sort variable per collection name (each must be a branch's collection)
     * @return the branches with the sort variables applied
     * @throws IllegalArgumentException when there is no branch, a collection repeats, or a sort names no branch
     */
    static List<ObjectBranch> checked(String tagger, List<ObjectBranch> branches, Map<String, Integer> sortBy) {
        List<String> names = branches.stream().map(ObjectBranch::collection).toList();
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("the " + tagger + " tagger needs at least one branch (optBranches)");
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("tagger branches read a collection twice: " + names);
        }
        List<ObjectBranch> out = new ArrayList<>(branches);
        for (Map.Entry<String, Integer> e : sortBy.entrySet()) {
            int i = names.indexOf(e.getKey());
            if (i < 0) {
                throw new IllegalArgumentException("tagger sortBy: no branch reads the collection '" + e.getKey()
                    + "'; the branches read " + names);
            }
            out.set(i, out.get(i).withSortVariable(e.getValue()));
        }
        return List.copyOf(out);
    }

    /**
     * Returns the 1x1 convolution widths.
     *
     * @return a copy, first layer first
     */
    @Override
    public int[] convFilters() {
        return convFilters.clone();
    }

    /**
     * Counts the branch's parameters as Keras does: convolution kernels and biases, then the LSTM's kernel,
     * recurrent kernel and one bias per gate (a PyTorch LSTM has {@code 4 x units} more: a second bias).
     *
     * @return the count
     */
    long kerasParameters() {
        long count = 0;
        int width = variables;
        for (int f : convFilters) {
            count += (long) (width + 1) * f;
            width = f;
        }
        return count + 4L * recurrentUnits * (width + recurrentUnits + 1);
    }

    /**
     * Counts the branch's multiply-accumulates per jet, forward only (every slot, padded or not, is computed).
     *
     * @return the count
     */
    long macs() {
        long macs = 0;
        int width = variables;
        for (int f : convFilters) {
            macs += (long) objects * width * f;
            width = f;
        }
        return macs + (long) objects * 4 * recurrentUnits * (width + recurrentUnits);
    }

    /**
     * Serialises as JSON ({@code collection}, {@code objects}, {@code variables}, {@code convFilters},
     * {@code recurrentUnits}, {@code sortVariable}).
     *
     * @return a new object
     */
    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("collection", collection);
        o.addProperty("objects", objects);
        o.addProperty("variables", variables);
        JsonArray filters = new JsonArray();
        for (int f : convFilters) {
            filters.add(f);
        }
        o.add("convFilters", filters);
        o.addProperty("recurrentUnits", recurrentUnits);
        o.addProperty("sortVariable", sortVariable);
        return o;
    }

    /**
     * Reads a branch written by {@link #toJson()}.
     *
     * @param o the object
     * @return the branch, validated
     * @throws IllegalArgumentException when a field is missing or invalid; the message names it
     */
    static ObjectBranch fromJson(JsonObject o) {
        for (String field : new String[] {"collection", "objects", "variables", "convFilters", "recurrentUnits",
            "sortVariable"}) {
            if (!o.has(field) || o.get(field).isJsonNull()) {
                throw new IllegalArgumentException("tagger branch field '" + field + "' is missing");
            }
        }
        JsonArray a = o.getAsJsonArray("convFilters");
        int[] filters = new int[a.size()];
        for (int i = 0; i < filters.length; i++) {
            filters[i] = a.get(i).getAsInt();
        }
        return new ObjectBranch(o.get("collection").getAsString(), o.get("objects").getAsInt(),
            o.get("variables").getAsInt(), filters, o.get("recurrentUnits").getAsInt(),
            o.get("sortVariable").getAsInt());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectBranch b && collection.equals(b.collection) && objects == b.objects
            && variables == b.variables && Arrays.equals(convFilters, b.convFilters)
            && recurrentUnits == b.recurrentUnits && sortVariable == b.sortVariable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(collection, objects, variables, Arrays.hashCode(convFilters), recurrentUnits,
            sortVariable);
    }

    @Override
    public String toString() {
        return "ObjectBranch" + toJson();
    }
}
