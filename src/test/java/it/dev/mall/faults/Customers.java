package it.dev.mall.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The suite's shop customers, registered once per run with random emails; tokens live for the whole run. */
final class Customers {

    record Customer(long id, String email, String token) {
    }

    private final List<Customer> all = new ArrayList<>();

    Customers(ShopApi api, String baseUri, int count) {
        for (int i = 0; i < count; i++) {
            String email = "faults-" + UUID.randomUUID() + "@mall.test";
            String password = "pw-" + UUID.randomUUID();
            long id = ShopApi.require(api.register(baseUri, email, password), "register").json().getLong("id");
            String token = ShopApi.require(api.login(baseUri, email, password), "login").json().getString("accessToken");
            all.add(new Customer(id, email, token));
        }
    }

    List<Customer> all() {
        return List.copyOf(all);
    }

    Customer random() {
        return all.get(ThreadLocalRandom.current().nextInt(all.size()));
    }

    /** For SQL IN lists: the ids are numbers the server gave us. */
    String idList() {
        return all.stream().map(c -> Long.toString(c.id())).reduce((a, b) -> a + "," + b).orElse("0");
    }
}
